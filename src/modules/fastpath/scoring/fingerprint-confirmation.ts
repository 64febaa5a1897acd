import { CompiledFingerprint } from './fingerprints';
import { gOr } from './py-compat';
import { Dict, Scores } from './types';

const SCOPE_TO_LOCALITY: Readonly<Record<string, string>> = {
  inst: 'local',
  isp: 'isp',
  nat: 'country',
  prod: 'general',
};

/**
 * A match is confirmed blocking when the fingerprint is expected in the probe's country, or when
 * its scope is ISP or national (whatever its expected countries).
 */
export function isConfirmed(probeCc: string, fp: Pick<CompiledFingerprint, 'expectedCountries' | 'scope'>): boolean {
  if (probeCc !== 'ZZ' && fp.expectedCountries.includes(probeCc)) return true;
  return fp.scope === 'isp' || fp.scope === 'nat';
}

/** The upper-cased probe_cc, "ZZ" when unknown. */
export function probeCcOf(msm: Dict): string {
  const cc = gOr(msm, 'probe_cc', 'ZZ');
  return typeof cc === 'string' ? cc.toUpperCase() : 'ZZ';
}

/**
 * Records matched fingerprints in `scores.fingerprints` and sets blocking_<locality> = 1.0 and
 * confirmed = true for each confirmed one.
 */
export function applyFingerprintMatches(
  scores: Scores,
  matches: readonly CompiledFingerprint[],
  probeCc: string,
): void {
  if (matches.length === 0) return;
  scores.fingerprints = matches.map((fp) => fp.mini);
  for (const fp of matches) {
    if (!isConfirmed(probeCc, fp)) continue;
    const locality = Object.hasOwn(SCOPE_TO_LOCALITY, fp.scope) ? SCOPE_TO_LOCALITY[fp.scope] : 'general';
    scores[`blocking_${locality}`] = 1.0;
    scores.confirmed = true;
  }
}
