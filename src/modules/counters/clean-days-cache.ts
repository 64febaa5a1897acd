import { Inject, Injectable } from '@nestjs/common';
import { TtlCache } from '../../common/cache/ttl-cache';
import { FastpathCountersRepository } from '../fastpath-store/fastpath-counters.repository';
import { COUNTERS_OPTIONS, CountersOptions } from './counters.options';

/** Every day a counters table can hold (see counters-plan). */
const ALL_DAYS = { first: '1970-01-01', end: '2106-01-01' } as const;
const KEY = 'clean';

/**
 * The clean days (counters up to date, see CLEAN_DAYS_SQL) in memory, so that a query passes them
 * as parameters instead of computing them. Read again once `cleanDaysS` seconds old (0: at every
 * use), and at once after this process's `counters` job records builds. A day dirtied by any
 * writer (its mark is written by the materialized view in the same INSERT) is thus no longer
 * read from the counters at most `cleanDaysS` seconds after that INSERT returned.
 */
@Injectable()
export class CleanDaysCache {
  private readonly cache = new TtlCache<readonly string[]>({ ttlMs: 0, maxEntries: 1 });

  constructor(
    private readonly repository: FastpathCountersRepository,
    @Inject(COUNTERS_OPTIONS) private readonly options: CountersOptions,
  ) {}

  /** The clean days, oldest first. */
  get(): Promise<readonly string[]> {
    return this.cache.get(
      KEY,
      () => this.repository.cleanDays(ALL_DAYS.first, ALL_DAYS.end),
      this.options.cleanDaysS * 1000,
    );
  }

  /** Forgets the days read: the next `get` reads them again (after a build swapped counters in). */
  invalidate(): void {
    this.cache.delete(KEY);
  }
}
