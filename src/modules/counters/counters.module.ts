import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { FastpathStoreModule } from '../fastpath-store/fastpath-store.module';
import { CleanDaysCache } from './clean-days-cache';
import { CountersRefresherService } from './counters-refresher.service';
import { COUNTERS_OPTIONS, countersOptionsFromConfig } from './counters.options';
import { CountersService } from './counters.service';

/** Exact pre-aggregated counters of `fastpath` (see README "Pre-aggregated counters"). */
@Module({
  imports: [FastpathStoreModule],
  providers: [
    { provide: COUNTERS_OPTIONS, inject: [AppConfig], useFactory: countersOptionsFromConfig },
    CleanDaysCache,
    CountersService,
    CountersRefresherService,
  ],
  exports: [CountersService, CountersRefresherService, COUNTERS_OPTIONS],
})
export class CountersModule {}
