import { get, gPath } from './py-compat';
import { initScores } from './scores';
import { Dict, Scores } from './types';

/** openvpn: simple success flag until the experiment stabilizes. */
export function scoreOpenvpn(msm: Dict): Scores {
  const scores = initScores();
  const success = gPath(msm, ['test_keys', 'success']);
  if (success === false) scores.blocking_general = 1.0;
  else if (success === null) scores.accuracy = 0.0;
  scores.extra = { test_runtime: get(msm, 'test_runtime') ?? null };
  return scores;
}
