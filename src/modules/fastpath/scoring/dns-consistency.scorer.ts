import { initScores } from './scores';
import { Scores } from './types';

/** Legacy dns_consistency: never scored by the original. */
export function scoreDnsConsistency(): Scores {
  return initScores();
}
