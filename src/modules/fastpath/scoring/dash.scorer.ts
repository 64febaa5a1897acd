import { get } from './py-compat';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** Failures that hint at (weak) interference rather than a probe error. */
const NETWORK_FAILURES = [
  'connection_aborted',
  'json_parse_error',
  'eof_error',
  'json_processing_error',
  'http_request_failed',
  'connect_error',
  'generic_timeout_error',
  'broken_pipe',
  'connection_refused',
];

/** dash: a performance test; failures are recorded, never counted as an anomaly. */
export function scoreDash(msm: Dict): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  if (Object.keys(tk).length === 0) {
    scores.accuracy = 0.0;
    return scores;
  }
  const failure = get(tk, 'failure') ?? null;
  if (failure === null) return scores;
  if ((typeof failure === 'string' && NETWORK_FAILURES.includes(failure)) || containsSslError(failure)) {
    scores.blocking_general = 0.1;
  } else {
    scores.msg = 'Probe error';
  }
  scores.accuracy = 0.0;
  return scores;
}

/** Python's `"ssl_error" in failure`, for a string or a list failure. */
function containsSslError(failure: unknown): boolean {
  if (typeof failure === 'string') return failure.includes('ssl_error');
  return Array.isArray(failure) && failure.includes('ssl_error');
}
