import { AppConfig } from '../../common/config/app-config';

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

/** The `aggregation` configuration section (defaults: config/default.yaml). */
export function aggregationOptionsFromConfig({ aggregation: a }: AppConfig): AggregationOptions {
  return {
    final: a.final,
    recentMaxAgeS: a.recent_max_age_s,
    oldMaxAgeS: a.old_max_age_s,
    settledAfterH: a.settled_after_h,
  };
}
