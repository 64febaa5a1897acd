import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../config/app-config';
import { readSegment } from './journal-segment';
import { bucketOfUid, MeasurementSpool } from './measurement-spool';
import { ClosedSegment, JournalEntry, SpoolJournal } from './spool-journal';

interface Pending extends JournalEntry {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Durable spooling of submissions with group commit. The submissions arriving while an fsync
 * is in flight wait in a queue; the next group is written to the journal and made durable by
 * one fdatasync; then each is written as its spool file (no fsync) and resolved: a 200 still
 * means "on disk", and the spool file exists. Closed journal segments are
 * checkpointed in the background (spool files and directories fsynced, then the segment
 * retired); at start, segments left by dead processes are replayed into the spool.
 * Disabled: one durable file per call.
 */
@Injectable()
export class SpoolCommitter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SpoolCommitter');
  private readonly opts: AppConfig['probe_services']['group_commit'];
  private readonly journal: SpoolJournal;
  private readonly queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private checkpoints: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closeRequested = false;
  private readonly materializing = new Set<Promise<void>>();
  /** Acknowledged measurements whose spool file could not be written: only their journal segment holds them. */
  private readonly unwritten = new Set<string>();

  constructor(
    config: AppConfig,
    private readonly spool: MeasurementSpool,
  ) {
    this.opts = config.probe_services.group_commit;
    this.journal = new SpoolJournal(spool.root, this.opts);
    this.journal.onBroken = (segment) => this.checkpoint(segment);
  }

  async onModuleInit(): Promise<void> {
    const replayed = await this.replayOrphans();
    if (replayed > 0) this.logger.log(`replayed ${replayed} journaled measurements into the spool`);
    if (!this.opts.enabled) return;
    await this.journal.prepare();
    // Segments also close without traffic, so that their checkpoint is never far behind.
    this.timer = setInterval(() => this.kick(), Math.min(this.opts.segment_max_age_ms, 1000));
    this.timer.unref();
  }

  /** The HTTP server is closed by now: commit what is queued, then checkpoint everything. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    const last = await this.journal.close();
    if (last) this.checkpoint(last);
    await this.checkpoints;
    await this.spool.close();
  }

  /** Resolves once the measurement is durable and its spool file written. */
  async write(bucket: string, uid: string, body: Buffer): Promise<void> {
    if (!this.opts.enabled) {
      await this.spool.write(bucket, uid, body);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ bucket, uid, body, resolve, reject });
      this.kick();
    });
  }

  /** Starts the commit loop unless it runs; it restarts itself for what arrived as it ended. */
  private kick(): void {
    this.flushing ??= this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  /**
   * Replays the segments of processes that died since the start (another API process on this
   * spool), closes the active segment, and resolves once every segment of this process is
   * checkpointed. The uploader calls it before each run.
   */
  async checkpointNow(): Promise<void> {
    const replayed = await this.replayOrphans();
    if (replayed > 0) this.logger.log(`replayed ${replayed} journaled measurements of a dead process`);
    if (!this.opts.enabled) return;
    this.closeRequested = true;
    while (this.closeRequested) {
      this.kick();
      await this.flushing;
    }
    await this.checkpoints;
  }

  private async flushLoop(): Promise<void> {
    await this.closeSegmentIfDue();
    while (this.queue.length > 0) {
      if (this.opts.max_wait_ms > 0 && this.queue.length < this.opts.max_group) await sleep(this.opts.max_wait_ms);
      const group = this.takeGroup();
      try {
        await this.closeSegmentIfDue(group.reduce((n, p) => n + p.body.length + p.uid.length + 32, 0));
        await this.journal.append(group);
        // Durable: each is answered once its spool file exists, while the next group is written.
        this.track(this.materialize(group));
      } catch (err) {
        this.logger.error(`group commit of ${group.length} measurements failed: ${(err as Error).message}`);
        for (const p of group) p.reject(err as Error);
      }
    }
    await this.closeSegmentIfDue();
  }

  /**
   * Writes the spool files of a durable group, answering each submission once its file exists.
   * One that cannot be written is answered with an error (the probe sends it again) and keeps
   * its segment from being retired: it is replayed at the next start.
   */
  private async materialize(group: Pending[]): Promise<void> {
    let errors: Array<Error | null>;
    try {
      errors = await this.spool.writeManyUnsynced(group);
    } catch (err) {
      errors = group.map(() => err as Error);
    }
    group.forEach((p, i) => {
      const err = errors[i];
      if (err === null) return p.resolve();
      this.unwritten.add(p.uid);
      this.logger.error(`spool file of ${p.uid} not written (kept in the journal): ${err.message}`);
      p.reject(err);
    });
  }

  private track(work: Promise<void>): void {
    this.materializing.add(work);
    void work.finally(() => this.materializing.delete(work));
  }

  /** The oldest queued submissions, up to the group limits (always at least one). */
  private takeGroup(): Pending[] {
    let n = 0;
    let bytes = 0;
    while (n < this.queue.length && n < this.opts.max_group) {
      bytes += this.queue[n].body.length;
      if (n > 0 && bytes > this.opts.max_group_bytes) break;
      n++;
    }
    return this.queue.splice(0, n);
  }

  /** Closes the active segment when it is old, or full, or too full for `nextBytes` more; then checkpoints it. */
  private async closeSegmentIfDue(nextBytes = 0): Promise<void> {
    try {
      const requested = this.closeRequested;
      this.closeRequested = false;
      const closed = requested ? await this.journal.close() : await this.journal.closeIfDue(Date.now(), nextBytes);
      if (closed) this.checkpoint(closed);
    } catch (err) {
      this.logger.error(`closing a journal segment failed: ${(err as Error).message}`);
    }
  }

  /** Queues the checkpoint of a closed segment: one at a time, off the submissions' path. */
  private checkpoint(segment: ClosedSegment): void {
    // Spool files of the segment's last groups may still be being written.
    const written = Promise.all(this.materializing);
    this.checkpoints = this.checkpoints.then(async () => {
      await written;
      if (segment.entries.some((e) => this.unwritten.has(e.uid))) {
        this.logger.error(
          `${segment.file} kept: it holds measurements without a spool file, replayed at the next start`,
        );
        return;
      }
      try {
        await this.spool.syncFiles(segment.entries);
        await this.journal.retire(segment.file);
      } catch (err) {
        // The segment stays: it is replayed at the next start.
        this.logger.error(`checkpoint of ${segment.file} failed: ${(err as Error).message}`);
      }
    });
  }

  /** Segments of processes that died: every intact record becomes a durable spool file again. */
  private async replayOrphans(): Promise<number> {
    let replayed = 0;
    for (const file of await this.journal.orphans()) {
      const entries: ClosedSegment['entries'] = [];
      for (const { uid, body } of await readSegment(file)) {
        const bucket = bucketOfUid(uid);
        if (bucket === null) continue;
        await this.spool.writeUnsynced(bucket, uid, body);
        entries.push({ bucket, uid });
      }
      await this.spool.syncFiles(entries);
      await this.journal.retire(file);
      replayed += entries.length;
    }
    return replayed;
  }
}
