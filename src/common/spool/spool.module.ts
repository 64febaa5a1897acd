import { Global, Module } from '@nestjs/common';
import { ScoredUidsModule } from '../../modules/fastpath/scored-uids.module';
import { AppConfig } from '../config/app-config';
import { MeasurementSpool } from './measurement-spool';
import { SpoolCommitter } from './spool-committer';
import { SpoolReconciler } from './spool-reconciler';

/**
 * One spool per process: submission writes it (through the committer's journal), the measurement
 * API reads fresh bodies from it, the reconciler makes sure every spooled measurement gets scored.
 */
@Global()
@Module({
  imports: [ScoredUidsModule],
  providers: [
    {
      provide: MeasurementSpool,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new MeasurementSpool(config.probe_services.spool_dir),
    },
    SpoolCommitter,
    SpoolReconciler,
  ],
  exports: [MeasurementSpool, SpoolCommitter, SpoolReconciler],
})
export class SpoolModule {}
