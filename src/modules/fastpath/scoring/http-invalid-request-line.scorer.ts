import { pendingStringLength } from './lazy-json';
import { get, pyEquals } from './py-compat';
import { failedScores, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/**
 * http_invalid_request_line: the echo helper must return exactly the (invalid) request lines sent.
 * The probe's own `tampering` flag is ignored (probe issue 1278).
 */
export function scoreHttpInvalidRequestLine(msm: Dict): Scores {
  const tk = testKeys(msm);
  const sent = listOf(get(tk, 'sent'));
  const received = listOf(get(tk, 'received'));
  if (sent.length === 0 && received.length === 0) return failedScores();

  const scores = initScores();
  const n = Math.min(sent.length, received.length);
  for (let i = 0; i < n; i++) {
    if (!mayEqual(sent[i], received, i) || !pyEquals(sent[i], received[i])) {
      scores.blocking_general = 1.0;
      break;
    }
  }
  return scores;
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * False when `list[i]` is a long string not decoded yet (see lazy-json) that cannot equal `value`:
 * `value` is not a string, or its length is out of the bounds. Spares decoding echoed pages.
 */
function mayEqual(value: unknown, list: unknown[], i: number): boolean {
  const bounds = pendingStringLength(list, i);
  if (!bounds) return true;
  return typeof value === 'string' && value.length >= bounds.min && value.length <= bounds.max;
}
