import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { HttpFeeder } from './http-feeder';
import { InProcessFeeder } from './in-process-feeder';
import { MeasurementFeeder } from './measurement-feeder';

/** The in-process queue, or, with `fastpath.feeder_url`, hand-over to a fastpath process over HTTP. */
@Global()
@Module({
  providers: [
    {
      provide: MeasurementFeeder,
      inject: [AppConfig, MetricsService],
      useFactory: (config: AppConfig, metrics: MetricsService): MeasurementFeeder =>
        config.fastpath.feeder_url ? new HttpFeeder(config, metrics) : new InProcessFeeder(config, metrics),
    },
  ],
  exports: [MeasurementFeeder],
})
export class FeederModule {}
