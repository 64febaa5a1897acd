import { CompiledFingerprints } from './fingerprints';
import { Dict, Scores } from './types';

export interface ScorerContext {
  readonly fingerprints: CompiledFingerprints;
}

/** Scores one measurement of a given test; must not throw on malformed test_keys. */
export type Scorer = (msm: Dict, ctx: ScorerContext) => Scores;
