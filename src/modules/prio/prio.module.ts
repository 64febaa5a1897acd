import { Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../../common/config/app-config';
import { citizenlabOptionsFrom } from '../citizenlab/citizenlab.options';
import { TEST_LIST_SNAPSHOT_FILE } from '../citizenlab/updater/test-list-snapshot';
import { FastpathStoreModule } from '../fastpath-store/fastpath-store.module';
import { CITIZENLAB_SNAPSHOT_PATH } from './citizenlab-snapshot';
import { CitizenlabSnapshotLoader } from './citizenlab-snapshot.loader';
import { PrioController } from './prio.controller';
import { PrioRepository } from './prio.repository';
import { PRIO_OPTIONS, PrioOptions, PrioService } from './prio.service';

/** Test-list prioritization; check-in uses PrioService.generateTestList. */
@Module({
  imports: [FastpathStoreModule],
  controllers: [PrioController],
  providers: [
    {
      provide: PRIO_OPTIONS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): PrioOptions => ({
        countsCacheMs: config.prio.counters_cache_s * 1000,
        snapshotFiles: [
          path.join(citizenlabOptionsFrom(config).workdir, TEST_LIST_SNAPSHOT_FILE),
          CITIZENLAB_SNAPSHOT_PATH,
        ],
      }),
    },
    PrioRepository,
    PrioService,
    CitizenlabSnapshotLoader,
  ],
  exports: [PrioService],
})
export class PrioModule {}
