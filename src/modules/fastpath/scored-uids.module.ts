import { Module } from '@nestjs/common';
import { FastpathStoreModule } from '../fastpath-store/fastpath-store.module';
import { ScoredUidsService } from './scored-uids.service';

/**
 * The `fastpath` uid lookup, apart from FastpathModule: the spool reconciliation needs it also
 * where measurements are scored by a fastpath process (FastpathModule not loaded).
 */
@Module({
  imports: [FastpathStoreModule],
  providers: [ScoredUidsService],
  exports: [ScoredUidsService],
})
export class ScoredUidsModule {}
