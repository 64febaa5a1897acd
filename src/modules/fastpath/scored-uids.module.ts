import { Module } from '@nestjs/common';
import { ScoredUidsRepository } from './scored-uids.repository';
import { ScoredUidsService } from './scored-uids.service';

/**
 * The `fastpath` uid lookup, apart from FastpathModule: the spool reconciliation needs it also
 * where measurements are scored by a fastpath process (FastpathModule not loaded).
 */
@Module({
  providers: [ScoredUidsRepository, ScoredUidsService],
  exports: [ScoredUidsService],
})
export class ScoredUidsModule {}
