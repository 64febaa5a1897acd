import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncPath } from '../fs/durable-write';
import { isProcessAlive, processStart } from '../fs/pid-lock';
import { listDir } from '../fs/read-if-exists';
import { encodeRecord, segmentTag } from './journal-segment';

/** A measurement in the journal, and the spool file it is materialized as. */
export interface JournalEntry {
  bucket: string;
  uid: string;
  body: Buffer;
}

/** A segment no longer written: once its entries' spool files are synced, it can be retired. */
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
  tag: number;
  bytes: number;
  openedAt: number;
}

/** `<pid>.<process start>.<sequence>.wal`: the owner is known, so that only a dead one's segments are replayed. */
const SEGMENT_RE = /^(\d+)\.(\d+)\.(\d+)\.wal$/;
/** Preallocated files waiting to become segments; never replayed. */
const SPARE_RE = /^spare\.(\d+)\.(\d+)\.(\d+)$/;
const SPARES_KEPT = 2;
const ZEROS = Buffer.alloc(1 << 20);

/**
 * The spool's write-ahead journal (`<spool>/journal/`): groups of submissions are written into
 * the process's active segment and made durable by one fdatasync. Segments are preallocated
 * (zeros written and synced once) and recycled: a write then changes no file size, so its
 * fdatasync needs no file system journal commit, which would also flush every spool file
 * written since the last one. Segments are closed by size or age; the caller syncs their
 * spool files, then retires them.
 */
export class SpoolJournal {
  readonly dir: string;
  private active: ActiveSegment | null = null;
  private seq = 0;
  private readonly owner = `${process.pid}.${processStart(process.pid) || '0'}`;
  private readonly spares: string[] = [];
  private preparing: Promise<void> | null = null;

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
    const buffers = entries.flatMap((e) => encodeRecord(segment.tag, e.uid, e.body));
    const total = buffers.reduce((n, b) => n + b.length, 0);
    try {
      const { bytesWritten } = await segment.handle.writev(buffers, segment.bytes);
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

  /** Closes the active segment when it is full, or old enough, or would overflow with `nextBytes` more. */
  async closeIfDue(now = Date.now(), nextBytes = 0): Promise<ClosedSegment | null> {
    const a = this.active;
    if (a === null || a.entries.length === 0) return null;
    const full = a.bytes + nextBytes > this.limits.segment_max_bytes;
    return full || now - a.openedAt >= this.limits.segment_max_age_ms ? this.close() : null;
  }

  /** Closes the active segment, if any. */
  async close(): Promise<ClosedSegment | null> {
    const segment = this.active;
    if (segment === null) return null;
    this.active = null;
    await segment.handle.close();
    return { file: segment.file, entries: segment.entries };
  }

  /**
   * Retires a checkpointed segment, durably: renamed to a spare for reuse (its records no longer
   * match its name) or deleted. Either way it is never replayed.
   */
  async retire(file: string): Promise<void> {
    if (this.spares.length < SPARES_KEPT) {
      const spare = this.nextName('spare.', '');
      await fs.promises.rename(file, spare);
      this.spares.push(spare);
    } else {
      await fs.promises.rm(file, { force: true });
    }
    await fsyncPath(this.dir);
  }

  /** Prepares a spare segment ahead of time (at start, before the first submission). */
  async prepare(): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    for (const e of await listDir(this.dir)) {
      const m = SPARE_RE.exec(e.name);
      // Spares of dead processes are preallocated space: reused or removed.
      if (m && !this.isLive(m[1], m[2])) await fs.promises.rm(path.join(this.dir, e.name), { force: true });
    }
    if (this.spares.length === 0) await this.preallocate();
  }

  /** Segments left by processes that are no longer running: to be replayed. */
  async orphans(): Promise<string[]> {
    const names = (await listDir(this.dir)).filter((e) => e.isFile()).map((e) => e.name);
    return names
      .filter((name) => {
        const m = SEGMENT_RE.exec(name);
        return m !== null && !this.isLive(m[1], m[2]);
      })
      .sort()
      .map((name) => path.join(this.dir, name));
  }

  private isLive(pid: string, start: string): boolean {
    return `${pid}.${start}` === this.owner || isProcessAlive(Number(pid), start === '0' ? '' : start);
  }

  private nextName(prefix: string, suffix: string): string {
    return path.join(this.dir, `${prefix}${this.owner}.${Date.now()}${String(this.seq++).padStart(6, '0')}${suffix}`);
  }

  private async open(now: number): Promise<ActiveSegment> {
    if (this.spares.length === 0) await this.preparing;
    if (this.spares.length === 0) await this.preallocate();
    const spare = this.spares.shift()!;
    const file = this.nextName('', '.wal');
    await fs.promises.rename(spare, file);
    const handle = await fs.promises.open(file, 'r+');
    // The new name must survive a crash as well as the records.
    await fsyncPath(this.dir);
    // The next segment is prepared while this one fills.
    if (this.spares.length === 0) {
      // A failure here is retried in the foreground by the next open.
      this.preparing ??= this.preallocate()
        .catch(() => undefined)
        .finally(() => (this.preparing = null));
    }
    return { file, handle, tag: segmentTag(file), bytes: 0, openedAt: now, entries: [] };
  }

  /** A new spare: `segment_max_bytes` of zeros, synced once. */
  private async preallocate(): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const spare = this.nextName('spare.', '');
    const handle = await fs.promises.open(spare, 'wx');
    try {
      for (let pos = 0; pos < this.limits.segment_max_bytes; pos += ZEROS.length) {
        await handle.write(ZEROS, 0, Math.min(ZEROS.length, this.limits.segment_max_bytes - pos), pos);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncPath(this.dir);
    this.spares.push(spare);
  }
}

/** Every segment file of a spool's journal, whoever owns it. */
export async function journalSegments(spoolRoot: string): Promise<string[]> {
  const dir = path.join(spoolRoot, 'journal');
  return (await listDir(dir)).filter((e) => e.isFile() && SEGMENT_RE.test(e.name)).map((e) => path.join(dir, e.name));
}
