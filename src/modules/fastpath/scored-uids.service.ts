import { Injectable } from '@nestjs/common';
import { ScoredUidsRepository } from './scored-uids.repository';

/** Which measurements the fastpath has stored (the spool reconciliation re-scores the others). */
@Injectable()
export class ScoredUidsService {
  constructor(private readonly repository: ScoredUidsRepository) {}

  scoredAmong(uids: string[]): Promise<Set<string>> {
    return this.repository.scored(uids);
  }
}
