import { failedScores } from './scores';
import { Scores } from './types';

/** Test names without a scorer: stored as failed (accuracy 0). */
export function scoreUnsupported(): Scores {
  return failedScores();
}
