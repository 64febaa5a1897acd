import { Module } from '@nestjs/common';
import { CountersModule } from '../counters/counters.module';
import { FastpathStoreModule } from '../fastpath-store/fastpath-store.module';
import { AggregationController } from './aggregation.controller';
import { AggregationService } from './aggregation.service';

/** `/api/v1/aggregation` (MAT) and `/api/v1/torsf_stats` over the fastpath table. */
@Module({
  // The store provides AGGREGATION_OPTIONS (its aggregation reader reads `final`).
  imports: [CountersModule, FastpathStoreModule],
  controllers: [AggregationController],
  providers: [AggregationService],
  exports: [AggregationService],
})
export class AggregationModule {}
