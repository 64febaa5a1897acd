import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ScoredUidsService } from '../../modules/fastpath/scored-uids.service';
import { AppConfig } from '../config/app-config';
import { FeedItem, MeasurementFeeder } from '../feeder/measurement-feeder';
import { ComponentMetrics, MetricsService } from '../metrics/metrics.service';
import { MeasurementSpool } from './measurement-spool';

/** Uids looked up, read and scored at a time: bounds memory and the size of each query. */
const CHUNK = 500;

/**
 * Keeps the promise of an acknowledged submission: every spooled measurement ends up scored.
 * Those queued in memory when the process died, or whose rows could not be written, have no
 * `fastpath` row: they are scored again at start (in the background, without delaying it)
 * and before the uploader deletes their spool files.
 */
@Injectable()
export class SpoolReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SpoolReconciler');
  private readonly metrics: ComponentMetrics;
  private atStart: Promise<number> | undefined;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly spool: MeasurementSpool,
    private readonly feeder: MeasurementFeeder,
    private readonly scoredUids: ScoredUidsService,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  onApplicationBootstrap(): void {
    const startedAt = Date.now();
    this.atStart = this.reconcileAtStart(startedAt).catch((err: Error) => {
      this.logger.error(`spool reconciliation at start failed: ${err.message}`);
      return 0;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.atStart;
  }

  /** How many measurements the reconciliation started with the application re-scored, once it is over. */
  async settled(): Promise<number> {
    return (await this.atStart) ?? 0;
  }

  /**
   * Scores those of `uids` (spooled in `bucket`) that have no fastpath row, and resolves once
   * their rows are written (or handed to the fastpath process). Throws when they could not
   * be: the caller must then keep their spool files. Returns how many were re-scored.
   */
  async ensureScored(bucket: string, uids: string[]): Promise<number> {
    if (!this.feeder.active) return 0;
    let rescored = 0;
    for (let i = 0; i < uids.length; i += CHUNK) {
      const chunk = uids.slice(i, i + CHUNK);
      const scored = await this.scoredUids.scoredAmong(chunk);
      const items: FeedItem[] = [];
      for (const uid of chunk.filter((u) => !scored.has(u))) {
        const body = await this.spool.read(uid);
        if (body) items.push({ measurementUid: uid, body, receivedAt: new Date() });
      }
      if (items.length === 0) continue;
      await this.feeder.feedAndWait(items);
      rescored += items.length;
      this.metrics.increment('spool_rescored', items.length);
      this.logger.log(`${bucket}: ${items.length} spooled measurements had no fastpath row, scored again`);
    }
    return rescored;
  }

  private async reconcileAtStart(startedAt: number): Promise<number> {
    const removed = await this.spool.removeStaleTemps(startedAt - this.config.probe_services.stale_tmp_s * 1000);
    if (removed > 0) this.logger.log(`removed ${removed} temporary files left by interrupted writes`);
    if (!this.config.fastpath.reconcile_on_start || !this.feeder.active) return 0;
    let rescored = 0;
    for (const bucket of await this.spool.buckets()) {
      if (this.stopping) break;
      // Files written since the start are in the scoring queue already.
      rescored += await this.ensureScored(bucket, await this.spool.uidsIn(bucket, startedAt));
    }
    this.logger.log(`spool reconciled: ${rescored} measurements scored again`);
    return rescored;
  }
}
