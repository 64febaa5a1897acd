import { AppConfig } from '../../common/config/app-config';

/** The `counters` configuration section (defaults: config/default.yaml). */
export interface CountersOptions {
  /** Queries read the counters for their clean days. */
  enabled: boolean;
  cron: string;
  refresherEnabled: boolean;
  /** Days that ended less than this long ago are not built. */
  settledAfterH: number;
  /** A build covers the inserts marked up to this long before it started. */
  markMarginS: number;
  maxMonthsPerRun: number;
  /** The clean days are read again once this old (0: at every query). */
  cleanDaysS: number;
}

export const COUNTERS_OPTIONS = Symbol('COUNTERS_OPTIONS');

export function countersOptionsFromConfig({ counters: c }: AppConfig): CountersOptions {
  return {
    enabled: c.enabled,
    cron: c.cron,
    refresherEnabled: c.refresher_enabled,
    settledAfterH: c.settled_after_h,
    markMarginS: c.mark_margin_s,
    maxMonthsPerRun: c.max_months_per_run,
    cleanDaysS: c.clean_days_s,
  };
}
