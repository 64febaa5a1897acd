import { Global, Module } from '@nestjs/common';
import { InProcessFeeder } from './in-process-feeder';
import { MeasurementFeeder } from './measurement-feeder';

@Global()
@Module({
  providers: [InProcessFeeder, { provide: MeasurementFeeder, useExisting: InProcessFeeder }],
  exports: [MeasurementFeeder, InProcessFeeder],
})
export class FeederModule {}
