import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncPath, TEMP_SUFFIX_RE, writeFileDurably } from '../fs/durable-write';
import { FileBatchWriter } from '../fs/file-batch-writer';
import { listDir } from '../fs/read-if-exists';

/** Received measurements wait in `<spool>/incoming/<YYYYMMDDHH>_<cc>_<testname>/<uid>.post` until uploaded. */
export class MeasurementSpool {
  readonly incoming: string;
  private readonly knownDirs = new Set<string>();
  private readonly batchWriter = new FileBatchWriter();
  /**
   * Checkpoints sync on a thread of their own: behind the thousands of fsyncs of a segment, the
   * spool files of new submissions (which their 200 waits for) would queue for a second or more.
   */
  private readonly checkpointSyncer = new FileBatchWriter();

  constructor(readonly root: string) {
    this.incoming = path.join(root, 'incoming');
  }

  static bucketName(hour: string, cc: string, testName: string): string {
    return `${hour}_${cc}_${testName}`;
  }

  pathOf(bucket: string, measurementUid: string): string {
    return path.join(this.incoming, bucket, `${measurementUid}.post`);
  }

  /**
   * Writes the body durably before returning: temp file, fsync, rename, fsync of the
   * directory. Once this resolves, a crash or power loss cannot lose the measurement.
   */
  async write(bucket: string, measurementUid: string, body: Buffer): Promise<string> {
    return this.inBucket(bucket, measurementUid, (dest) => writeFileDurably(dest, body));
  }

  /**
   * Writes the spool file without syncing it, for a measurement whose durable copy is the
   * journal (`syncFiles` makes it durable before the journal goes). The write runs on the
   * thread pool: creating a file costs ~0.2 ms on overlay file systems, which on the event loop
   * held up every other request (a profile of the submission bench: 38% of the main thread).
   */
  async writeUnsynced(bucket: string, measurementUid: string, body: Buffer): Promise<string> {
    return this.inBucket(bucket, measurementUid, (dest) => fs.promises.writeFile(dest, body, { mode: 0o644 }));
  }

  /**
   * `writeUnsynced` of several measurements in one hand-over to a worker thread; any that
   * fails there (e.g. its hour directory was just removed) is written again by
   * `writeUnsynced`. One entry per file: null once written, else why not.
   */
  async writeManyUnsynced(
    files: ReadonlyArray<{ bucket: string; uid: string; body: Buffer }>,
  ): Promise<Array<Error | null>> {
    for (const bucket of new Set(files.map((f) => f.bucket))) await this.ensureDir(path.join(this.incoming, bucket));
    const codes = await this.batchWriter
      .writeAll(files.map((f) => ({ path: this.pathOf(f.bucket, f.uid), data: f.body })))
      .catch(() => files.map(() => 'not written'));
    return Promise.all(
      files.map(async (f, i) => {
        if (codes[i] === null) return null;
        return this.writeUnsynced(f.bucket, f.uid, f.body).then(
          () => null,
          (err: unknown) => err as Error,
        );
      }),
    );
  }

  /** Stops the threads of the batch writer and of the checkpoints' fsyncs. */
  async close(): Promise<void> {
    await Promise.all([this.batchWriter.close(), this.checkpointSyncer.close()]);
  }

  /**
   * fsync of these spool files (missing ones are skipped), then of their directories once each,
   * in one batch on the checkpoint's thread (a checkpoint syncs thousands: on the event loop that
   * was a tenth of its time under load); on the thread pool if that thread fails.
   */
  async syncFiles(files: ReadonlyArray<{ bucket: string; uid: string }>): Promise<void> {
    const paths = [
      ...files.map((f) => this.pathOf(f.bucket, f.uid)),
      ...new Set(files.map((f) => path.join(this.incoming, f.bucket))),
    ];
    const codes = await this.checkpointSyncer.syncAll(paths).catch(() => null);
    if (codes === null) {
      for (const p of paths) await fsyncPath(p).catch(ignoreEnoent);
      return;
    }
    const failed = codes.findIndex((c) => c !== null && c !== 'ENOENT');
    if (failed >= 0) throw new Error(`fsync of ${paths[failed]} failed: ${codes[failed]}`);
  }

  /** Runs `write` on the file's path in its hour directory, created (durably) when missing. */
  private async inBucket(bucket: string, uid: string, write: (dest: string) => Promise<void>): Promise<string> {
    const dir = path.join(this.incoming, bucket);
    await this.ensureDir(dir);
    const dest = path.join(dir, `${uid}.post`);
    try {
      await write(dest);
    } catch (err) {
      // The uploader removes emptied hour directories: create it again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.knownDirs.delete(dir);
      await this.ensureDir(dir);
      await write(dest);
    }
    return dest;
  }

  /** The spool's hour directories (`<YYYYMMDDHH>_<cc>_<testname>`), sorted. */
  async buckets(): Promise<string[]> {
    const entries = await listDir(this.incoming);
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  }

  /** The uids spooled in `bucket` whose files were last written before `beforeMs`, sorted. */
  async uidsIn(bucket: string, beforeMs = Infinity): Promise<string[]> {
    const dir = path.join(this.incoming, bucket);
    const uids: string[] = [];
    for (const entry of await listDir(dir)) {
      if (!entry.isFile() || !entry.name.endsWith(POST_SUFFIX)) continue;
      const uid = entry.name.slice(0, -POST_SUFFIX.length);
      if (!isMeasurementUid(uid)) continue;
      const stat = await fs.promises.stat(path.join(dir, entry.name)).catch(() => null);
      if (stat && stat.mtimeMs < beforeMs) uids.push(uid);
    }
    return uids.sort();
  }

  /** Removes temporary files of writes that died (a crash) last modified before `beforeMs`; returns how many. */
  async removeStaleTemps(beforeMs: number): Promise<number> {
    let removed = 0;
    for (const bucket of await this.buckets()) {
      const dir = path.join(this.incoming, bucket);
      for (const entry of await listDir(dir)) {
        if (!entry.isFile() || !entry.name.includes(`${POST_SUFFIX}.tmp-`) || !TEMP_SUFFIX_RE.test(entry.name)) {
          continue;
        }
        const file = path.join(dir, entry.name);
        const stat = await fs.promises.stat(file).catch(() => null);
        if (stat && stat.mtimeMs < beforeMs) {
          await fs.promises.rm(file, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  /** Reads a spooled measurement by uid, or null once it has been uploaded (or never existed). */
  async read(measurementUid: string): Promise<Buffer | null> {
    const bucket = bucketOfUid(measurementUid);
    if (!bucket) return null;
    try {
      return await fs.promises.readFile(this.pathOf(bucket, measurementUid));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private async ensureDir(dir: string): Promise<void> {
    if (this.knownDirs.has(dir)) return;
    const created = await fs.promises.mkdir(dir, { recursive: true });
    // A new directory entry is durable only once its parent is synced.
    if (created !== undefined) await fsyncPath(path.dirname(dir));
    this.knownDirs.add(dir);
  }
}

const POST_SUFFIX = '.post';

function ignoreEnoent(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
const UID_RE = /^(\d{10})\d{4}\.\d{6}_([A-Z0-9]{2})_([A-Za-z0-9]{2,29})_[0-9a-f]{16}$/;

/** Whether `value` has the form of a measurement uid given to probes at submission. */
export function isMeasurementUid(value: string): boolean {
  return UID_RE.test(value);
}

/** `20240101120000.123456_IT_webconnectivity_0123456789abcdef` → `2024010112_IT_webconnectivity`. */
export function bucketOfUid(measurementUid: string): string | null {
  const m = UID_RE.exec(measurementUid);
  return m ? MeasurementSpool.bucketName(m[1], m[2], m[3]) : null;
}
