import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { CountersModule } from '../counters/counters.module';
import { AggregationController } from './aggregation.controller';
import { AGGREGATION_OPTIONS, aggregationOptionsFromConfig } from './aggregation.options';
import { AggregationRepository } from './aggregation.repository';
import { AggregationService } from './aggregation.service';

/** `/api/v1/aggregation` (MAT) and `/api/v1/torsf_stats` over the fastpath table. */
@Module({
  imports: [CountersModule],
  controllers: [AggregationController],
  providers: [
    {
      provide: AGGREGATION_OPTIONS,
      inject: [AppConfig],
      useFactory: aggregationOptionsFromConfig,
    },
    AggregationRepository,
    AggregationService,
  ],
  exports: [AggregationService],
})
export class AggregationModule {}
