import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { AggregationController } from './aggregation.controller';
import { AGGREGATION_OPTIONS, AggregationOptions } from './aggregation.options';
import { AggregationRepository } from './aggregation.repository';
import { AggregationService } from './aggregation.service';

/** `/api/v1/aggregation` (MAT) and `/api/v1/torsf_stats` over the fastpath table. */
@Module({
  controllers: [AggregationController],
  providers: [
    {
      provide: AGGREGATION_OPTIONS,
      inject: [AppConfig],
      useFactory: ({ aggregation: a }: AppConfig): AggregationOptions => ({
        final: a.final,
        recentMaxAgeS: a.recent_max_age_s,
        oldMaxAgeS: a.old_max_age_s,
        settledAfterH: a.settled_after_h,
      }),
    },
    AggregationRepository,
    AggregationService,
  ],
  exports: [AggregationService],
})
export class AggregationModule {}
