import { get, truthy } from './py-compat';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** stunreachability: blocked when the STUN exchange failed (backend issue 551). */
export function scoreStunreachability(msm: Dict): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  const extra: Dict = { endpoint: get(tk, 'endpoint') ?? null };
  scores.extra = extra;
  const failure = get(tk, 'failure');
  if (truthy(failure)) {
    scores.blocking_general = 1.0;
    extra.failure = failure;
  }
  return scores;
}
