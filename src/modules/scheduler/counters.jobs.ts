import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CountersRefresherService } from '../counters/counters-refresher.service';
import { COUNTERS_OPTIONS, CountersOptions } from '../counters/counters.options';
import { JobRegistry } from './registry/job-registry';

export const COUNTERS_JOB = 'counters';

/** Registers the counters refresher (`counters.cron`, `.refresher_enabled`). */
@Injectable()
export class CountersJobs implements OnModuleInit {
  constructor(
    @Inject(COUNTERS_OPTIONS) private readonly options: CountersOptions,
    private readonly registry: JobRegistry,
    private readonly refresher: CountersRefresherService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: COUNTERS_JOB,
      description: 'Rebuild the pre-aggregated counters of settled days written to since (fastpath FINAL, per month)',
      cron: this.options.cron,
      enabled: this.options.refresherEnabled,
      run: () => this.refresher.refresh(),
    });
  }
}
