import { Inject, Injectable } from '@nestjs/common';
import { CountersPlan, planFromCleanDays, wholeDays } from './counters-plan';
import { COUNTERS_OPTIONS, CountersOptions } from './counters.options';
import { CountersRepository } from './counters.repository';

/** What queries ask of the counters: which days of a range they can answer exactly. */
@Injectable()
export class CountersService {
  constructor(
    private readonly repository: CountersRepository,
    @Inject(COUNTERS_OPTIONS) private readonly options: CountersOptions,
  ) {}

  /**
   * The plan for `[since, until)` (open ends allowed; the bounds as the query applies them), or
   * undefined when the counters are off or hold no clean whole day of the range.
   */
  async plan(since: Date | undefined, until: Date | undefined): Promise<CountersPlan | undefined> {
    if (!this.options.enabled) return undefined;
    const window = wholeDays(since, until);
    if (window === undefined) return undefined;
    return planFromCleanDays(await this.repository.cleanDays(window.first, window.end));
  }
}
