import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { FeedItem, MeasurementFeeder } from '../../common/feeder/measurement-feeder';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { FastpathWriterFactory } from '../fastpath-store/fastpath-writer.factory';
import { FastpathWriter } from '../fastpath-store/fastpath.writer';
import { FingerprintsService } from './fingerprints.service';
import { ScoringPool } from './scoring-pool';
import { ScoredBatch } from './workers/score-task';

/** Scores what probes submit (from the feeder) in the worker pool and writes `fastpath` rows in batches. */
@Injectable()
export class FastpathService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Fastpath');
  private readonly metrics: ComponentMetrics;
  private readonly writer: FastpathWriter;

  constructor(
    private readonly config: AppConfig,
    private readonly pool: ScoringPool,
    private readonly fingerprints: FingerprintsService,
    private readonly feeder: MeasurementFeeder,
    writers: FastpathWriterFactory,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('fastpath');
    this.writer = writers.create(this.metrics);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.fingerprints.start();
    this.feeder.consume(
      (items) => this.process(items),
      () => this.flush(),
    );
  }

  /** Scores the items (in parallel across workers) and queues their rows for writing. */
  async process(items: FeedItem[]): Promise<void> {
    const size = this.config.fastpath.task_batch_size;
    const tasks: Array<Promise<void>> = [];
    for (let i = 0; i < items.length; i += size) {
      const chunk = items.slice(i, i + size);
      tasks.push(
        this.pool
          .run(
            {
              fingerprints: this.fingerprints.current,
              items: chunk.map((item) => ({ measurementUid: item.measurementUid, body: item.body })),
            },
            // nothing reads a body once it is handed to the fastpath (it is in the spool)
            { moveBodies: true },
          )
          .then((result) => this.collect(result))
          .catch((err: Error) => {
            // A worker crash fails its task only; Piscina replaces the worker.
            this.metrics.increment('worker_errors', chunk.length);
            this.logger.error(`scoring task of ${chunk.length} failed: ${err.message}`);
          }),
      );
    }
    await Promise.all(tasks);
  }

  /** Resolves when every row scored so far is in ClickHouse. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Runs before ClickHouse closes: score what is queued, write every row, stop the workers. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.feeder.drain();
    await this.writer.flush().catch((err: Error) => {
      // Logged by the writer; the spool reconciliation at the next start re-scores them.
      this.logger.error(`rows lost at shutdown: ${err.message}`);
    });
    await this.pool.destroy();
  }

  private collect(result: ScoredBatch): void {
    this.metrics.increment('scored', result.rows.count);
    for (const failure of result.failures) {
      this.metrics.increment(`discarded.${failure.reason}`);
      const detail = failure.detail ? ` (${failure.detail})` : '';
      this.logger.warn(`measurement ${failure.measurementUid} not scored: ${failure.reason}${detail}`);
    }
    for (const error of result.scorerErrors) {
      this.metrics.increment('scorer_errors');
      this.logger.error(
        `scorer failed on measurement ${error.measurementUid}, stored with failed scores: ${error.detail}`,
      );
    }
    this.writer.add(result.rows, result.openvpn);
  }
}
