/** Tunables of the aggregation module (YAML section `aggregation`). */
export interface AggregationOptions {
  /** Read fastpath with FINAL so that not-yet-merged duplicates count once. */
  final: boolean;
  /** Cache-Control max-age of answers that include recent data, which is still arriving. */
  recentMaxAgeS: number;
  /** Cache-Control max-age of answers over settled data (only reprocessing changes it). */
  oldMaxAgeS: number;
  /** Data older than this is settled: late submissions and the hourly upload are done. */
  settledAfterH: number;
}

export const AGGREGATION_OPTIONS = Symbol('AGGREGATION_OPTIONS');

export const DEFAULT_AGGREGATION_OPTIONS: AggregationOptions = {
  final: true,
  recentMaxAgeS: 300,
  oldMaxAgeS: 86_400,
  settledAfterH: 72,
};
