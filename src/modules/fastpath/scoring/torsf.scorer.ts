import { get, truthy } from './py-compat';
import { failedScores, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** torsf (Tor over Snowflake): blocked when bootstrap failed. */
export function scoreTorsf(msm: Dict): Scores {
  const tk = testKeys(msm);
  const swName = get(msm, 'software_name') ?? 'unknown';
  const swVersion = get(msm, 'software_version') ?? 'unknown';
  // ooniprobe-android 3.8.3 shipped a broken torsf (ooni.org issue 772)
  if (swVersion === '3.8.3' && typeof swName === 'string' && swName.startsWith('ooniprobe-android')) {
    return failedScores();
  }
  const scores = initScores();
  if (truthy(get(tk, 'failure'))) {
    scores.blocking_general = 1.0;
    return scores;
  }
  scores.extra = { bootstrap_time: get(tk, 'bootstrap_time') ?? null, test_runtime: get(msm, 'test_runtime') ?? null };
  return scores;
}
