import { Inject, Injectable } from '@nestjs/common';
import { FastpathCountersRepository } from '../fastpath-store/fastpath-counters.repository';
import { CleanDaysCache } from './clean-days-cache';
import { CountedWindow, countedWindow, DayWindow, wholeDays } from './counters-plan';
import { CountersSplit, splitWindow } from './counters-split';
import { COUNTERS_OPTIONS, CountersOptions } from './counters.options';

/** What queries ask of the counters: which days of a range they can answer exactly. */
@Injectable()
export class CountersService {
  constructor(
    private readonly repository: FastpathCountersRepository,
    @Inject(COUNTERS_OPTIONS) private readonly options: CountersOptions,
    private readonly cleanDaysCache: CleanDaysCache,
  ) {}

  /**
   * The whole days of `[since, until)` (open ends allowed; the bounds as the query applies them)
   * the counters may answer, or undefined when they are off or there is no whole day.
   */
  window(since: Date | undefined, until: Date | undefined): DayWindow | undefined {
    return this.options.enabled ? wholeDays(since, until) : undefined;
  }

  /**
   * Parameters of a counted source over `[since, until)` (open ends: all time), divided as `split`
   * divides it: the same clean days in memory, and staleness bound, as MAT.
   */
  async countedWindow(since: Date | undefined, until: Date | undefined): Promise<CountedWindow> {
    return countedWindow(since, until, await this.split(since, until));
  }

  /** Parameters of a counted source over a window computed as of now (`last31Days`, …). */
  countedNow(window: (now: Date) => { since?: Date; until?: Date }): Promise<CountedWindow> {
    const w = window(new Date());
    return this.countedWindow(w.since, w.until);
  }

  /**
   * How `[since, until)` (open ends allowed; the bounds as the query applies them) divides
   * between the counters and fastpath, from the clean days in memory (see CleanDaysCache), or
   * undefined when the counters answer none of it.
   */
  async split(since: Date | undefined, until: Date | undefined): Promise<CountersSplit | undefined> {
    const window = this.window(since, until);
    return window && splitWindow(window, await this.cleanDaysCache.get(), since, until);
  }

  /** The clean days of a window (what queries read from the counters), oldest first. */
  cleanDays(window: DayWindow): Promise<string[]> {
    return this.repository.cleanDays(window.first, window.end);
  }
}
