import { get, gOr, has, isDict, truthy } from './py-compat';
import { failedScores, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** tor: share of the reachable bridges / directory authorities that failed. */
export function scoreTor(msm: Dict): Scores {
  const tk = testKeys(msm);
  const targets = gOr(tk, 'targets', {});
  // early experiments stored targets as a list
  if (!truthy(targets) || !isDict(targets)) return failedScores();

  let blocked = 0;
  let success = 0;
  for (const target of Object.values(targets)) {
    if (!isDict(target) || !has(target, 'failure') || !has(target, 'network_events')) return failedScores();
    const failure = target.failure;
    if (failure === false) continue; // not run
    if (failure === null) {
      success++;
    } else if (failure === '') {
      // the original asserts here (probe bug)
      return failedScores();
    } else {
      blocked++;
    }
  }

  const scores = initScores();
  if (blocked + success > 0) scores.blocking_general = blocked / (blocked + success);
  else scores.accuracy = 0.0;
  scores.extra = { test_runtime: get(msm, 'test_runtime') ?? null };
  return scores;
}
