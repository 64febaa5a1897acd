// Pure fastpath scoring: raw measurement -> `fastpath` (and `obs_openvpn`) rows. No I/O, no DI.
export { InvalidMeasurementError, YamlReportError } from './errors';
export type { InvalidMeasurementReason } from './errors';
export { EMPTY_FINGERPRINTS, compileFingerprints, parseExpectedCountries } from './fingerprints';
export type { CompiledFingerprints } from './fingerprints';
export { loadYamlMeasurement, normalizeYamlReport } from './normalize-yaml';
export type { NormalizedYamlMeasurement, YamlNormalizationResult } from './normalize-yaml';
export { computeScores, deriveFlags, scoreMeasurement } from './score-measurement';
export type { Flags, ScoreOptions, ScoredMeasurement } from './score-measurement';
export { SCORED_TEST_NAMES } from './scorer-registry';
export type * from './types';
