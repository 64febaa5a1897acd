import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { CitizenlabSnapshotLoader } from './citizenlab-snapshot.loader';
import { PrioController } from './prio.controller';
import { PrioRepository } from './prio.repository';
import { PRIO_OPTIONS, PrioOptions, PrioService } from './prio.service';

/** Test-list prioritization; check-in uses PrioService.generateTestList. */
@Module({
  controllers: [PrioController],
  providers: [
    {
      provide: PRIO_OPTIONS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): PrioOptions => ({ countsCacheMs: config.prio.counters_cache_s * 1000 }),
    },
    PrioRepository,
    PrioService,
    CitizenlabSnapshotLoader,
  ],
  exports: [PrioService],
})
export class PrioModule {}
