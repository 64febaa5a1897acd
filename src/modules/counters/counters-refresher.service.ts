import { Inject, Injectable, Logger } from '@nestjs/common';
import { monthOf, utcDay } from '../../common/time/utc-day';
import { FastpathCountersRepository } from '../fastpath-store/fastpath-counters.repository';
import { CleanDaysCache } from './clean-days-cache';
import { COUNTERS_OPTIONS, CountersOptions } from './counters.options';

export interface CountersRefreshSummary {
  /** Days rebuilt, and their counters rows. */
  days: number;
  rows: number;
  /** Month partitions replaced. */
  months: number;
  /** Stale days left for the next run (beyond `max_months_per_run`). */
  remaining_days: number;
  duration_ms: number;
}

const monthBounds = (month: number): { from: string; to: string } => {
  const y = Math.floor(month / 100);
  const m = month % 100;
  const first = `${y}-${String(m).padStart(2, '0')}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${first} 00:00:00`, to: `${next} 00:00:00` };
};

/**
 * The `counters` job: rebuilds, from `fastpath FINAL`, the counters of settled days written to
 * since their last build, one month partition at a time (newest first), and records the build
 * time of each so queries use them only until the next write.
 */
@Injectable()
export class CountersRefresherService {
  private readonly logger = new Logger(CountersRefresherService.name);

  constructor(
    private readonly repository: FastpathCountersRepository,
    @Inject(COUNTERS_OPTIONS) private readonly options: CountersOptions,
    private readonly cleanDays: CleanDaysCache,
  ) {}

  async refresh(now = new Date()): Promise<CountersRefreshSummary> {
    const started = performance.now();
    // Taken before reading fastpath: an insert marked after it makes the day stale again.
    const builtAt = await this.repository.buildTime(this.options.markMarginS);
    // A day is settled once it ended settledAfterH hours ago: days before this one.
    const cutoff = utcDay(new Date(now.getTime() - this.options.settledAfterH * 3_600_000));
    const stale = await this.repository.staleDays(cutoff);
    const byMonth = new Map<number, string[]>();
    for (const day of stale) byMonth.set(monthOf(day), [...(byMonth.get(monthOf(day)) ?? []), day]);
    const months = [...byMonth.keys()].sort((a, b) => b - a).slice(0, this.options.maxMonthsPerRun);
    let days = 0;
    let rows = 0;
    for (const month of months) {
      const monthDays = byMonth.get(month) ?? [];
      rows += await this.repository.rebuildMonth({ month, days: monthDays, ...monthBounds(month) });
      await this.repository.markBuilt(monthDays, builtAt);
      // Queries on this host use the rebuilt days at once (other hosts within counters.clean_days_s).
      this.cleanDays.invalidate();
      days += monthDays.length;
    }
    const summary = {
      days,
      rows,
      months: months.length,
      remaining_days: stale.length - days,
      duration_ms: Math.round(performance.now() - started),
    };
    if (days > 0) this.logger.log(`counters: ${JSON.stringify(summary)}`);
    return summary;
  }
}
