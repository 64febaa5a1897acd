import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncPath } from '../fs/durable-write';
import { isProcessAlive, processStart } from '../fs/pid-lock';
import { listDir } from '../fs/read-if-exists';
import { encodeRecord } from './journal-segment';

/** A measurement in the journal, and the spool file it is materialized as. */
export interface JournalEntry {
  bucket: string;
  uid: string;
  body: Buffer;
}

/** A segment no longer appended to: once its entries' spool files are synced, it can be deleted. */
export interface ClosedSegment {
  file: string;
  entries: Array<{ bucket: string; uid: string }>;
}

export interface JournalLimits {
  segment_max_bytes: number;
  segment_max_age_ms: number;
}

interface ActiveSegment extends ClosedSegment {
  handle: fs.promises.FileHandle;
  bytes: number;
  openedAt: number;
}

/** `<pid>.<process start>.<sequence>.wal`: the owner is known, so that only a dead one's segments are replayed. */
const SEGMENT_RE = /^(\d+)\.(\d+)\.(\d+)\.wal$/;

/**
 * The spool's write-ahead journal (`<spool>/journal/`): groups of submissions are appended to
 * the process's active segment and made durable by one fdatasync. Segments are closed by size
 * or age; the caller then syncs their spool files and deletes them.
 */
export class SpoolJournal {
  readonly dir: string;
  private active: ActiveSegment | null = null;
  private seq = 0;
  private readonly owner = `${process.pid}.${processStart(process.pid) || '0'}`;

  constructor(
    spoolRoot: string,
    private readonly limits: JournalLimits,
  ) {
    this.dir = path.join(spoolRoot, 'journal');
  }

  /**
   * Appends `entries` and resolves once they are durable (one fdatasync). A failed write closes
   * the segment (a torn record would hide every later one from readers) and hands it to `onBroken`.
   */
  async append(entries: readonly JournalEntry[], now = Date.now()): Promise<void> {
    const segment = this.active ?? (this.active = await this.open(now));
    const buffers = entries.flatMap((e) => encodeRecord(e.uid, e.body));
    const total = buffers.reduce((n, b) => n + b.length, 0);
    try {
      const { bytesWritten } = await segment.handle.writev(buffers);
      if (bytesWritten !== total) throw new Error(`short write to ${segment.file}: ${bytesWritten} of ${total} bytes`);
      await segment.handle.datasync();
    } catch (err) {
      const broken = await this.close();
      if (broken) this.onBroken?.(broken);
      throw err;
    }
    segment.bytes += total;
    for (const e of entries) segment.entries.push({ bucket: e.bucket, uid: e.uid });
  }

  /** Called with a segment closed because a write to it failed (its acknowledged entries still need a checkpoint). */
  onBroken?: (segment: ClosedSegment) => void;

  /** Closes the active segment when it is full or old enough. */
  async closeIfDue(now = Date.now()): Promise<ClosedSegment | null> {
    return this.isDue(now) ? this.close() : null;
  }

  /** Closes the active segment, if any. */
  async close(): Promise<ClosedSegment | null> {
    const segment = this.active;
    if (segment === null) return null;
    this.active = null;
    await segment.handle.close();
    return { file: segment.file, entries: segment.entries };
  }

  /** Deletes a checkpointed segment, durably. */
  async remove(file: string): Promise<void> {
    await fs.promises.rm(file, { force: true });
    await fsyncPath(this.dir);
  }

  /** Segments left by processes that are no longer running: to be replayed. */
  async orphans(): Promise<string[]> {
    const names = (await listDir(this.dir)).filter((e) => e.isFile()).map((e) => e.name);
    return names
      .filter((name) => {
        const m = SEGMENT_RE.exec(name);
        return (
          m !== null && `${m[1]}.${m[2]}` !== this.owner && !isProcessAlive(Number(m[1]), m[2] === '0' ? '' : m[2])
        );
      })
      .sort()
      .map((name) => path.join(this.dir, name));
  }

  private isDue(now: number): boolean {
    const a = this.active;
    return (
      a !== null && (a.bytes >= this.limits.segment_max_bytes || now - a.openedAt >= this.limits.segment_max_age_ms)
    );
  }

  private async open(now: number): Promise<ActiveSegment> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${this.owner}.${now}${String(this.seq++).padStart(6, '0')}.wal`);
    const handle = await fs.promises.open(file, 'ax');
    // The new directory entry must survive a crash as well as the records.
    await fsyncPath(this.dir);
    return { file, handle, bytes: 0, openedAt: now, entries: [] };
  }
}

/** Every segment file of a spool's journal, whoever owns it. */
export async function journalSegments(spoolRoot: string): Promise<string[]> {
  const dir = path.join(spoolRoot, 'journal');
  return (await listDir(dir)).filter((e) => e.isFile() && SEGMENT_RE.test(e.name)).map((e) => path.join(dir, e.name));
}
