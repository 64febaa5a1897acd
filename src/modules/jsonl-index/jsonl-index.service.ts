import { Injectable } from '@nestjs/common';
import { JsonlLocation, JsonlRepository, JsonlRow } from './jsonl.repository';

/**
 * The `jsonl` index of the data bucket, for the uploader (which writes it) and the
 * measurement API (which finds bodies through it).
 */
@Injectable()
export class JsonlIndexService {
  constructor(private readonly jsonl: JsonlRepository) {}

  insert(rows: JsonlRow[]): Promise<void> {
    return this.jsonl.insert(rows);
  }

  /** Uids of `reportIds` already indexed for the file `s3path` (an interrupted insert resumes after them). */
  indexedUids(s3path: string, reportIds: string[]): Promise<Set<string>> {
    return this.jsonl.indexedUids(s3path, reportIds);
  }

  locate(measurementUid: string): Promise<JsonlLocation | undefined> {
    return this.jsonl.locate(measurementUid);
  }
}
