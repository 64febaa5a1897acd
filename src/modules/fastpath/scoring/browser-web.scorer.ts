import { gOr } from './py-compat';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** browser_web (ts-036): the page load result reported by the browser. */
export function scoreBrowserWeb(msm: Dict): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  const result = gOr(tk, 'result', '');
  if (result === 'ok') {
    // loaded
  } else if (result === 'error') {
    scores.blocking_general = 1.0;
  } else {
    scores.accuracy = 0.0;
  }
  scores.extra = { browser_name: gOr(tk, 'browser_name', ''), load_time_ms: gOr(tk, 'load_time_ms', 0) };
  return scores;
}
