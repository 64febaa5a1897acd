import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { CleanDaysCache } from './clean-days-cache';
import { CountersRefresherService } from './counters-refresher.service';
import { COUNTERS_OPTIONS, countersOptionsFromConfig } from './counters.options';
import { CountersRepository } from './counters.repository';
import { CountersService } from './counters.service';

/** Exact pre-aggregated counters of `fastpath` (see README "Pre-aggregated counters"). */
@Module({
  providers: [
    { provide: COUNTERS_OPTIONS, inject: [AppConfig], useFactory: countersOptionsFromConfig },
    CountersRepository,
    CleanDaysCache,
    CountersService,
    CountersRefresherService,
  ],
  exports: [CountersService, CountersRefresherService, COUNTERS_OPTIONS],
})
export class CountersModule {}
