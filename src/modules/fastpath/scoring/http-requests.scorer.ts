import { applyFingerprintMatches, probeCcOf } from './fingerprint-confirmation';
import { CompiledFingerprint, matchHttpResponse } from './fingerprints';
import { asDict, get, gOr, gPath, truthy } from './py-compat';
import { ScorerContext } from './scorer';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** Legacy http_requests: body length and headers compared with a request made over Tor. */
export function scoreHttpRequests(msm: Dict, ctx: ScorerContext): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  const bodyLengthMatch = get(tk, 'body_length_match') ?? null;
  const headersMatch = get(tk, 'headers_match') ?? null;
  // legacy quirk: the failure keys are read from the measurement root, where they never are
  const failed = truthy(get(msm, 'control_failure')) || truthy(get(msm, 'experiment_failure'));
  if (failed || bodyLengthMatch === null || headersMatch === null) {
    scores.accuracy = 0.0;
    return scores;
  }
  if (!(truthy(bodyLengthMatch) && truthy(headersMatch))) scores.blocking_general = 1.0;

  // Only the direct request is matched: the other one goes over Tor
  const matches: CompiledFingerprint[] = [];
  const requests = gOr(tk, 'requests', []);
  for (const req of Array.isArray(requests) ? requests : []) {
    if (truthy(gPath(req, ['request', 'tor', 'is_tor']))) continue;
    if (!matchHttpResponse(ctx.fingerprints, asDict(gOr(req, 'response', {})), matches)) {
      // invalid base64: the original crashes here and writes no row; we keep it, flagged as failed
      scores.accuracy = 0.0;
      return scores;
    }
  }
  applyFingerprintMatches(scores, matches, probeCcOf(msm));
  return scores;
}
