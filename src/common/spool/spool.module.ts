import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MeasurementSpool } from './measurement-spool';

/** One spool per process: submission writes it, the measurement API reads fresh bodies from it. */
@Global()
@Module({
  providers: [
    {
      provide: MeasurementSpool,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new MeasurementSpool(config.probe_services.spool_dir),
    },
  ],
  exports: [MeasurementSpool],
})
export class SpoolModule {}
