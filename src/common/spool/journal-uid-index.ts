import { readSegmentUids } from './journal-segment';
import { journalSegments } from './spool-journal';

/**
 * The uids of every journal segment still on disk, whichever process writes it: their spool
 * files may not be durable yet, and a segment replayed after a crash would bring them back, so
 * the uploader leaves them for a later run. Segments only grow: each is read from where the
 * previous call stopped.
 */
export class JournalUidIndex {
  private readonly segments = new Map<string, { end: number; uids: string[] }>();

  constructor(private readonly spoolRoot: string) {}

  /** Call after listing the spool files: a file listed before has its record in a segment read now. */
  async uids(): Promise<Set<string>> {
    const files = new Set(await journalSegments(this.spoolRoot));
    for (const file of this.segments.keys()) if (!files.has(file)) this.segments.delete(file);
    for (const file of files) {
      const known = this.segments.get(file) ?? { end: 0, uids: [] };
      try {
        const more = await readSegmentUids(file, known.end);
        this.segments.set(file, { end: more.end, uids: known.uids.concat(more.uids) });
      } catch (err) {
        // Checkpointed (deleted) meanwhile: its spool files are durable.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        this.segments.delete(file);
      }
    }
    const all = new Set<string>();
    for (const { uids } of this.segments.values()) for (const uid of uids) all.add(uid);
    return all;
  }
}
