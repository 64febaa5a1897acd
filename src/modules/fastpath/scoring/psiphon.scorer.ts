import { get, has, pyEquals } from './py-compat';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** psiphon: blocked when bootstrapping or using the tunnel failed. */
export function scorePsiphon(msm: Dict): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  const failure = get(tk, 'failure') ?? null;
  const bootstrapTime = has(tk, 'bootstrap_time') ? tk.bootstrap_time : 0;
  if (failure === null) {
    // a success without bootstrap time should not happen
    scores.accuracy = pyEquals(bootstrapTime, 0) ? 0.0 : 1.0;
  } else {
    scores.accuracy = 1.0;
    scores.blocking_general = 1.0;
  }
  if (!has(msm, 'resolver_ip')) scores.accuracy = 0.0;
  scores.extra = { test_runtime: get(msm, 'test_runtime') ?? null, bootstrap_time: bootstrapTime };
  return scores;
}
