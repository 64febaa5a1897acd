import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { FastpathStoreModule } from '../fastpath-store/fastpath-store.module';
import { FastpathService } from './fastpath.service';
import { FingerprintsRepository } from './fingerprints.repository';
import { FingerprintsService } from './fingerprints.service';
import { PiscinaScoringPool, ScoringPool, workerCount } from './scoring-pool';

/** Scoring of incoming measurements in a Piscina pool, fingerprints, batched writes. */
@Module({
  imports: [FastpathStoreModule],
  providers: [
    {
      provide: ScoringPool,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ScoringPool => new PiscinaScoringPool(workerCount(config.fastpath.workers)),
    },
    FingerprintsRepository,
    FingerprintsService,
    FastpathService,
  ],
  exports: [FastpathService],
})
export class FastpathModule {}
