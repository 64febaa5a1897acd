import { applyFingerprintMatches, probeCcOf } from './fingerprint-confirmation';
import { CompiledFingerprint, CompiledFingerprints, matchDnsQueries, matchHttpResponse } from './fingerprints';
import { get, gOr, has, isDict, pyEquals, pyIn, truthy } from './py-compat';
import { ScorerContext } from './scorer';
import { detectUnknownFailure, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

const BLOCKING_TYPES = ['tcp_ip', 'dns', 'http-diff', 'http-failure'];

/**
 * DNS answers, then each HTTP response (body, then headers), as the original's match_fingerprints;
 * undefined when a base64 body or header cannot be decoded.
 */
export function matchWebConnectivityFingerprints(
  fps: CompiledFingerprints,
  msm: Dict,
): CompiledFingerprint[] | undefined {
  const tk = get(msm, 'test_keys');
  if (!isDict(tk)) return [];
  const matches = matchDnsQueries(fps, gOr(tk, 'queries', []));
  const requests = gOr(tk, 'requests', []);
  if (Array.isArray(requests)) {
    for (const req of requests) {
      const resp = get(req, 'response');
      if (isDict(resp) && !matchHttpResponse(fps, resp, matches)) return undefined;
    }
  }
  return matches;
}

export function scoreWebConnectivity(msm: Dict, ctx: ScorerContext): Scores {
  const matches = matchWebConnectivityFingerprints(ctx.fingerprints, msm);
  if (matches) return scoreWithMatches(msm, matches);
  // a body or header that is not valid base64 invalidates every match of the measurement
  const scores = scoreWithMatches(msm, []);
  scores.accuracy = 0.0;
  return scores;
}

function scoreWithMatches(msm: Dict, matches: readonly CompiledFingerprint[]): Scores {
  const scores = initScores();
  const tk = testKeys(msm);

  // Web Connectivity 0.5 (LTE) bitmasks; the three keys always appear together
  if (has(tk, 'x_blocking_flags')) {
    scores.analysis = {
      x_blocking_flags: truthy(tk.x_blocking_flags) ? tk.x_blocking_flags : 0,
      x_dns_flags: truthy(get(tk, 'x_dns_flags')) ? tk.x_dns_flags : 0,
      x_null_null_flags: truthy(get(tk, 'x_null_null_flags')) ? tk.x_null_null_flags : 0,
    };
  }

  applyFingerprintMatches(scores, matches, probeCcOf(msm));

  // title_match is often missing; any value other than a boolean/null means a broken measurement
  if (!pyIn(get(tk, 'title_match') ?? null, [true, false, null])) {
    scores.accuracy = 0.0;
    return scores;
  }

  const probeBlocking = get(tk, 'blocking') ?? null;
  if (typeof probeBlocking === 'string' && BLOCKING_TYPES.includes(probeBlocking)) {
    scores.blocking_general = 1.0;
    (scores.analysis ??= {}).blocking_type = probeBlocking;
  } else if (pyEquals(probeBlocking, false)) {
    // not blocked
  } else if (probeBlocking === null) {
    // somewhat-broken measurement (backend issue 610): trusted only when a fingerprint matched
    if (matches.length === 0) scores.accuracy = 0.0;
  } else {
    (scores.analysis ??= {}).msg = 'Unsupported blocking type';
    scores.accuracy = 0.0;
  }

  if (detectUnknownFailure(tk)) scores.accuracy = 0.0;

  scores.blocking_general =
    (scores.blocking_general ?? 0) +
    ((scores.blocking_country ?? 0) +
      (scores.blocking_global ?? 0) +
      (scores.blocking_isp ?? 0) +
      (scores.blocking_local ?? 0));

  if (has(tk, 'accessible') && tk.accessible === null && matches.length === 0) scores.accuracy = 0.0;
  return scores;
}
