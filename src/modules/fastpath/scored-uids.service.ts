import { Injectable } from '@nestjs/common';
import { ScoredUidsReader } from '../fastpath-store/scored-uids.reader';

/** Which measurements the fastpath has stored (the spool reconciliation re-scores the others). */
@Injectable()
export class ScoredUidsService {
  constructor(private readonly repository: ScoredUidsReader) {}

  scoredAmong(uids: string[]): Promise<Set<string>> {
    return this.repository.scored(uids);
  }
}
