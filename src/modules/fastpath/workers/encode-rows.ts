import { ScoredBatch, ScoreTaskResult } from './score-task';

/**
 * The rows of a scored batch as JSON lines, what the JSONEachRow insert sends (the client would
 * `JSON.stringify` each row the same way); the rest of the result as it is (failures and
 * OpenVPN observations are few).
 */
export function encodeScoredBatch(result: ScoreTaskResult): ScoredBatch {
  const lines = new Array<string>(result.rows.length);
  const uids = new Array<string>(result.rows.length);
  result.rows.forEach((row, i) => {
    lines[i] = JSON.stringify(row);
    uids[i] = row.measurement_uid;
  });
  return {
    rows: { jsonl: lines.join('\n'), count: lines.length, uids },
    openvpn: result.openvpn,
    failures: result.failures,
    scorerErrors: result.scorerErrors,
  };
}
