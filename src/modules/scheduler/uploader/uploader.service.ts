import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fsyncPath } from '../../../common/fs/durable-write';
import { listDir } from '../../../common/fs/read-if-exists';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { JournalUidIndex } from '../../../common/spool/journal-uid-index';
import { SpoolCommitter } from '../../../common/spool/spool-committer';
import { SpoolReconciler } from '../../../common/spool/spool-reconciler';
import { ObjectStorage } from '../../../common/storage/object-storage';
import { utcHour } from '../../../common/time/utc-hour';
import { JsonlIndexService } from '../../jsonl-index/jsonl-index.service';
import { JsonlRow } from '../../jsonl-index/jsonl.repository';
import { buildBatch } from './batch-builder';
import { crashPoint } from './crash-points';
import { SpoolLock } from './spool-lock';
import { BatchManifest, IndexedMeasurement, StagedBatch } from './staged-batch';
import { UploadCounter } from './upload-counter';
import { UPLOADER_OPTIONS, UploaderOptions } from './uploader.options';

export interface UploaderRunOptions {
  /** Also upload the current hour, still receiving measurements (default: only closed hours). */
  all?: boolean;
  /** The clock, for tests. */
  now?: Date;
}

export interface UploaderSummary {
  /** Postcan/JSONL pairs completed in this run (resumed ones included). */
  batches: number;
  /** Batches left by an interrupted run and finished in this one. */
  resumed_batches: number;
  measurements: number;
  /** Bytes of submissions read from the spool. */
  post_bytes: number;
  postcan_bytes: number;
  jsonl_bytes: number;
  testbed: boolean;
  duration_ms: number;
}

export class UploaderBusyError extends Error {
  override readonly name = 'UploaderBusyError';
  constructor() {
    super('the uploader is already running in this process');
  }
}

const SPOOL_BUCKET_RE = /^(\d{10})_([A-Z0-9]{2})_([A-Za-z0-9]{1,64})$/;
const POST_SUFFIX = '.post';
/** Temp files of submissions whose writer died; a live write takes milliseconds. */
const STALE_TMP_MS = 24 * 3600 * 1000;

function hourBefore(hour: string): string {
  const t = Date.UTC(+hour.slice(0, 4), +hour.slice(4, 6) - 1, +hour.slice(6, 8), +hour.slice(8, 10));
  return utcHour(new Date(t - 3600 * 1000));
}

/** Bytes of a batch's two files. */
interface BatchSizes {
  postcan: number;
  jsonl: number;
}

/** Object keys of the seed's layout: `raw/<YYYYMMDD>/<HH>/<CC>/<testname>/<name>.{tar.gz,jsonl.gz}`. */
export function batchKeys(
  hour: string,
  cc: string,
  testName: string,
  hostId: string,
  counter: number,
): { name: string; postcanKey: string; jsonlKey: string } {
  const name = `${hour}_${cc}_${testName}.n${hostId}.${counter}`;
  const dir = `raw/${hour.slice(0, 8)}/${hour.slice(8, 10)}/${cc}/${testName}`;
  return { name, postcanKey: `${dir}/${name}.tar.gz`, jsonlKey: `${dir}/${name}.jsonl.gz` };
}

/**
 * The measurement uploader: spool → postcans and JSONL files in the data bucket → `jsonl` rows →
 * spool files deleted. Work is staged per batch in `<spool>/outgoing/` so that a run killed at
 * any point is finished by the next one, without losing or duplicating a measurement.
 */
@Injectable()
export class UploaderService {
  private readonly logger = new Logger('Uploader');
  private readonly metrics: ComponentMetrics;
  private readonly incoming: string;
  private readonly outgoing: string;
  private readonly counter: UploadCounter;
  private readonly journaled: JournalUidIndex;
  private running = false;

  constructor(
    @Inject(UPLOADER_OPTIONS) private readonly options: UploaderOptions,
    private readonly storage: ObjectStorage,
    private readonly jsonl: JsonlIndexService,
    private readonly reconciler: SpoolReconciler,
    metrics: MetricsService,
    @Optional() private readonly committer?: SpoolCommitter,
  ) {
    this.metrics = metrics.component('uploader');
    this.incoming = path.join(options.spool_dir, 'incoming');
    this.outgoing = path.join(options.spool_dir, 'outgoing');
    this.counter = new UploadCounter(path.join(options.spool_dir, 'uploader.counter'));
    this.journaled = new JournalUidIndex(options.spool_dir);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** One run. Throws UploaderBusyError / SpoolLockedError when another run owns the spool. */
  async run(opts: UploaderRunOptions = {}): Promise<UploaderSummary> {
    if (this.running) throw new UploaderBusyError();
    this.running = true;
    const started = performance.now();
    const summary: UploaderSummary = {
      batches: 0,
      resumed_batches: 0,
      measurements: 0,
      post_bytes: 0,
      postcan_bytes: 0,
      jsonl_bytes: 0,
      testbed: this.options.testbed,
      duration_ms: 0,
    };
    try {
      await fs.promises.mkdir(this.outgoing, { recursive: true });
      const lock = new SpoolLock(path.join(this.options.spool_dir, 'uploader.lock'));
      await lock.acquire();
      try {
        await this.resumeStaged(summary);
        // This process's journaled measurements become durable spool files, ready to go.
        await this.committer?.checkpointNow();
        await this.uploadSpool(opts.now ?? new Date(), opts.all ?? false, summary);
      } finally {
        await lock.release();
      }
    } catch (err) {
      this.metrics.increment('run_failed');
      throw err;
    } finally {
      this.running = false;
      summary.duration_ms = Math.round(performance.now() - started);
    }
    this.metrics.timing('run_time', summary.duration_ms);
    this.logger.log(
      `run done: ${summary.batches} batches (${summary.resumed_batches} resumed), ` +
        `${summary.measurements} measurements in ${summary.duration_ms} ms`,
    );
    return summary;
  }

  /** Batches of an interrupted run come first: their measurements are still in the spool. */
  private async resumeStaged(summary: UploaderSummary): Promise<void> {
    const dirs = (await listDir(this.outgoing)).filter((d) => d.isDirectory()).map((d) => d.name);
    for (const name of dirs.sort()) {
      const batch = await StagedBatch.load(path.join(this.outgoing, name));
      if (batch === null) {
        await fs.promises.rm(path.join(this.outgoing, name), { recursive: true, force: true });
        continue;
      }
      this.logger.log(`resuming batch ${name}`);
      await this.process(batch, true, summary);
      summary.resumed_batches++;
    }
  }

  private async uploadSpool(now: Date, all: boolean, summary: UploaderSummary): Promise<void> {
    const currentHour = utcHour(now);
    const previousHour = hourBefore(currentHour);
    const buckets = (await listDir(this.incoming))
      .filter((d) => d.isDirectory() && SPOOL_BUCKET_RE.test(d.name))
      .map((d) => d.name)
      .sort();
    for (const bucket of buckets) {
      const [, hour, cc, testName] = SPOOL_BUCKET_RE.exec(bucket) ?? [];
      if (hour >= currentHour && !all) continue;
      const dir = path.join(this.incoming, bucket);
      for (const uids of await this.splitIntoBatches(dir)) {
        const batch = await this.claim(bucket, hour, cc, testName, uids);
        await this.process(batch, false, summary);
      }
      await this.removeStaleTemps(dir, now);
      // The server may still be writing into the last two hours' directories: they are
      // removed by a later run, once nothing can arrive there any more.
      if (hour < previousHour) await fs.promises.rmdir(dir).catch(() => undefined);
    }
  }

  /**
   * The `.post` files present now, by name (time of arrival), cut into bounded batches. Those
   * still in a journal segment wait for a later run: they may not be durable yet, and a replay
   * of the segment after a crash would bring them back (see SpoolCommitter).
   */
  private async splitIntoBatches(dir: string): Promise<string[][]> {
    const listed = (await listDir(dir)).filter((d) => d.isFile() && d.name.endsWith(POST_SUFFIX)).map((d) => d.name);
    const journaled = await this.journaled.uids();
    const names = listed.filter((name) => !journaled.has(name.slice(0, -POST_SUFFIX.length))).sort();
    const batches: string[][] = [];
    let current: string[] = [];
    let bytes = 0;
    for (const name of names) {
      let size: number;
      try {
        size = (await fs.promises.stat(path.join(dir, name))).size;
      } catch {
        continue;
      }
      if (
        current.length > 0 &&
        (current.length >= this.options.max_batch_measurements || bytes + size > this.options.max_batch_bytes)
      ) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
      current.push(name.slice(0, -POST_SUFFIX.length));
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  private async claim(
    bucket: string,
    hour: string,
    cc: string,
    testName: string,
    uids: string[],
  ): Promise<StagedBatch> {
    let keys = batchKeys(hour, cc, testName, this.options.host_id, await this.counter.next());
    // A lost spool (new disk, wiped var dir) restarts the counter: never overwrite published files.
    while (!this.options.testbed && (await this.storage.exists(keys.postcanKey))) {
      this.logger.warn(`${keys.postcanKey} already exists in the bucket: skipping its counter`);
      keys = batchKeys(hour, cc, testName, this.options.host_id, await this.counter.next());
    }
    const manifest: BatchManifest = { version: 1, ...keys, spoolBucket: bucket, hour, cc, testName, uids };
    const batch = await StagedBatch.create(this.outgoing, manifest);
    crashPoint('claimed');
    return batch;
  }

  /** Takes a claimed batch through every step left: build, upload, index, check scored, delete from the spool. */
  private async process(batch: StagedBatch, resumed: boolean, summary: UploaderSummary): Promise<void> {
    const t0 = performance.now();
    const rows = await this.built(batch, summary);
    if (rows === null) return;
    const sizes: BatchSizes = {
      postcan: (await fs.promises.stat(batch.postcanFile)).size,
      jsonl: (await fs.promises.stat(batch.jsonlFile)).size,
    };
    if (!(await batch.has('uploaded'))) await this.upload(batch, sizes);
    if (!(await batch.has('indexed'))) {
      if (!this.options.testbed) await this.index(batch, rows, resumed);
      await batch.mark('indexed');
      crashPoint('indexed');
    }
    // Never delete a measurement the fastpath has not scored (queued when a process died,
    // rows not written): throws, and the batch is finished by the next run.
    await this.reconciler.ensureScored(batch.manifest.spoolBucket, batch.manifest.uids);
    crashPoint('scored');
    await this.removeFromSpool(batch);
    this.record(batch.manifest, sizes, Math.round(performance.now() - t0), resumed, summary);
  }

  /** The batch's `jsonl` rows, building its files first unless done; null when none of its files remained. */
  private async built(batch: StagedBatch, summary: UploaderSummary): Promise<IndexedMeasurement[] | null> {
    if (await batch.isBuilt()) return batch.readIndex();
    const { manifest } = batch;
    const t0 = performance.now();
    const built = await buildBatch(batch, this.incoming);
    if (built.missing > 0) this.logger.error(`${manifest.name}: ${built.missing} spool files vanished`);
    this.metrics.timing('build_time', performance.now() - t0);
    summary.post_bytes += built.postBytes;
    if (built.missing === manifest.uids.length) {
      await batch.remove();
      return null;
    }
    crashPoint('built');
    return built.rows;
  }

  private async upload(batch: StagedBatch, sizes: BatchSizes): Promise<void> {
    const { manifest } = batch;
    if (this.options.testbed) {
      this.logger.log(`testbed: discarding ${manifest.postcanKey} and ${manifest.jsonlKey}`);
    } else {
      const t1 = performance.now();
      const upload = this.storage.putFile(manifest.postcanKey, batch.postcanFile);
      setTimeout(() => crashPoint('upload-in-flight'), 5).unref();
      await upload;
      crashPoint('postcan-uploaded');
      await this.storage.putFile(manifest.jsonlKey, batch.jsonlFile);
      this.metrics.timing('upload_time', performance.now() - t1);
      this.metrics.increment('uploaded_bytes', sizes.postcan + sizes.jsonl);
    }
    await batch.mark('uploaded');
    crashPoint('uploaded');
  }

  /** Deletes the batch's spool files, then the batch's staging directory. */
  private async removeFromSpool(batch: StagedBatch): Promise<void> {
    const { manifest } = batch;
    const spoolDir = path.join(this.incoming, manifest.spoolBucket);
    const half = Math.ceil(manifest.uids.length / 2);
    for (const [i, uid] of manifest.uids.entries()) {
      await fs.promises.rm(path.join(spoolDir, `${uid}.post`), { force: true });
      if (i + 1 === half) crashPoint('mid-spool-delete');
    }
    await fsyncPath(spoolDir).catch(() => undefined);
    crashPoint('spool-deleted');
    await batch.remove();
    await fsyncPath(this.outgoing);
  }

  private record(
    manifest: BatchManifest,
    sizes: BatchSizes,
    ms: number,
    resumed: boolean,
    summary: UploaderSummary,
  ): void {
    summary.batches++;
    summary.measurements += manifest.uids.length;
    summary.postcan_bytes += sizes.postcan;
    summary.jsonl_bytes += sizes.jsonl;
    this.metrics.increment('postcan_count');
    this.metrics.increment('msmt_count', manifest.uids.length);
    this.metrics.timing('batch_time', ms);
    this.logger.log(
      `${manifest.name}: ${manifest.uids.length} measurements, postcan ${sizes.postcan} B, ` +
        `jsonl ${sizes.jsonl} B, ${ms} ms${resumed ? ' (resumed)' : ''}${this.options.testbed ? ' (testbed)' : ''}`,
    );
  }

  /** On a resumed batch, rows an interrupted run already inserted are skipped: each is indexed once. */
  private async index(batch: StagedBatch, rows: IndexedMeasurement[], resumed: boolean): Promise<void> {
    const { manifest } = batch;
    const t0 = performance.now();
    let pending = rows;
    if (resumed) {
      const done = await this.jsonl.indexedUids(
        manifest.jsonlKey,
        rows.map((r) => r.report_id),
      );
      pending = rows.filter((r) => !done.has(r.measurement_uid));
    }
    const date = `${manifest.hour.slice(0, 4)}-${manifest.hour.slice(4, 6)}-${manifest.hour.slice(6, 8)}`;
    const source = `n${this.options.host_id}`;
    const size = this.options.insert_batch_size;
    for (let i = 0; i < pending.length; i += size) {
      const chunk: JsonlRow[] = pending
        .slice(i, i + size)
        .map((r) => ({ ...r, s3path: manifest.jsonlKey, date, source }));
      await this.jsonl.insert(chunk);
      if (i + size < pending.length) crashPoint('mid-insert');
    }
    this.metrics.timing('insert_time', performance.now() - t0);
  }

  private async removeStaleTemps(dir: string, now: Date): Promise<void> {
    for (const entry of await listDir(dir)) {
      if (!entry.isFile() || !/\.post\.tmp-[0-9a-f]+$/.test(entry.name)) continue;
      const file = path.join(dir, entry.name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && now.getTime() - stat.mtimeMs > STALE_TMP_MS) await fs.promises.rm(file, { force: true });
    }
  }
}
