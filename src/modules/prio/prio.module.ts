import { Module } from '@nestjs/common';
import { CitizenlabSnapshotLoader } from './citizenlab-snapshot.loader';
import { PrioController } from './prio.controller';
import { PrioRepository } from './prio.repository';
import { PrioService } from './prio.service';

/** Test-list prioritization; check-in uses PrioService.generateTestList. */
@Module({
  controllers: [PrioController],
  providers: [PrioRepository, PrioService, CitizenlabSnapshotLoader],
  exports: [PrioService],
})
export class PrioModule {}
