import { get, truthy } from './py-compat';
import { failedScores, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

const CONNECT_ERRORS = ['generic_timeout_error', 'connection_refused_error', 'connect_error', 'tcp_timed_out_error'];

/** tcp_connect (ts-008): blocked when the connection did not succeed. */
export function scoreTcpConnect(msm: Dict): Scores {
  // the original asserts a non-empty input and drops the measurement otherwise
  if (!truthy(get(msm, 'input'))) return failedScores();
  const scores = initScores();
  const result = get(testKeys(msm), 'connection');
  if (result === 'success') return scores;
  scores.blocking_general = typeof result === 'string' && CONNECT_ERRORS.includes(result) ? 0.8 : 1.0;
  return scores;
}
