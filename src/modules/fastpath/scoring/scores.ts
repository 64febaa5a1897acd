import { asDict, gOr, gPath } from './py-compat';
import { Dict, Scores } from './types';

/** Blocking locality: global > country > isp > local; unclassified blocking goes to "general". */
export const LOCALITY_VALS = ['general', 'global', 'country', 'isp', 'local'] as const;

export function initScores(): Scores {
  return { blocking_general: 0.0, blocking_global: 0.0, blocking_country: 0.0, blocking_isp: 0.0, blocking_local: 0.0 };
}

/** Scores of a measurement that could not be interpreted (accuracy 0 = msm_failure). */
export function failedScores(): Scores {
  const scores = initScores();
  scores.accuracy = 0.0;
  return scores;
}

export function testKeys(msm: Dict): Dict {
  return asDict(gOr(msm, 'test_keys', {}));
}

/** Any field ending with `_failure` can contain `unknown_failure ...` when the probe itself failed. */
export function detectUnknownFailure(tk: Dict): boolean {
  for (const k of Object.keys(tk)) {
    if (!k.endsWith('_failure')) continue;
    const v = tk[k];
    if (typeof v === 'string' && v.startsWith('unknown_failure')) return true;
  }
  return false;
}

/** Counts successful / failed entries of a df-005 `tcp_connect` list. */
export function extractTcpConnect(tk: Dict): { accessible: number; unreachable: number } {
  const entries = gOr(tk, 'tcp_connect', []);
  let accessible = 0;
  let unreachable = 0;
  if (Array.isArray(entries)) {
    for (const entry of entries) {
      const success = gPath(entry, ['status', 'success']);
      if (success === true) accessible++;
      else if (success === false) unreachable++;
    }
  }
  return { accessible, unreachable };
}
