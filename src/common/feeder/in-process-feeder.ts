import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ComponentMetrics, MetricsService } from '../metrics/metrics.service';
import { FeedConsumer, FeedFlush, FeedItem, MeasurementFeeder } from './measurement-feeder';

/**
 * Bounded in-memory queue drained in batches by a single consumer loop. Fewer items than one
 * scoring task wait up to `fastpath.batch_linger_ms` for more: under load, measurements
 * dispatched as they arrive made tasks of one or two (the consumer's round trip is shorter than
 * the gap between them), each paying a worker hand-over on the main thread, and kept one worker
 * busy at a time.
 */
@Injectable()
export class InProcessFeeder extends MeasurementFeeder {
  private readonly logger = new Logger('Feeder');
  private readonly metrics: ComponentMetrics;
  private readonly capacity: number;
  private readonly enabled: boolean;
  private readonly batchSize = 256;
  /** A batch this large goes at once; a smaller one waits up to `lingerMs` for more. */
  private readonly fullTask: number;
  private readonly lingerMs: number;
  private linger: NodeJS.Timeout | undefined;
  private items: FeedItem[] = [];
  private consumer: FeedConsumer | undefined;
  private flushConsumer: FeedFlush | undefined;
  private consumerInstalled: () => void = () => undefined;
  private readonly consumerReady = new Promise<FeedConsumer>((resolve) => {
    this.consumerInstalled = () => resolve(this.consumer as FeedConsumer);
  });
  private draining: Promise<void> | undefined;

  constructor(config: AppConfig, metrics: MetricsService) {
    super();
    this.capacity = config.probe_services.feed_queue_size;
    // Without an in-process fastpath, measurements are scored by reprocessing from the bucket.
    this.enabled = config.fastpath.enabled;
    this.fullTask = Math.min(config.fastpath.task_batch_size, this.batchSize);
    this.lingerMs = config.fastpath.batch_linger_ms;
    this.metrics = metrics.component('ooni-api');
  }

  get queued(): number {
    return this.items.length;
  }

  offer(item: FeedItem): boolean {
    if (!this.enabled) return false;
    if (this.items.length >= this.capacity) {
      this.metrics.increment('fastpath_feed_dropped');
      return false;
    }
    this.items.push(item);
    this.kick();
    return true;
  }

  get active(): boolean {
    return this.enabled;
  }

  consume(consumer: FeedConsumer, flush?: FeedFlush): void {
    this.consumer = consumer;
    this.flushConsumer = flush;
    this.consumerInstalled();
    this.kick();
  }

  /** Waits for the fastpath to install its consumer (it does at application bootstrap). */
  async feedAndWait(items: FeedItem[]): Promise<void> {
    if (!this.enabled || items.length === 0) return;
    const consumer = this.consumer ?? (await this.consumerReady);
    await consumer(items);
    await this.flushConsumer?.();
  }

  /** Resolves when everything queued so far has been handed to the consumer (lingering items too). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.linger) this.start();
      if (!this.draining) return;
      await this.draining;
    }
  }

  private kick(): void {
    if (this.draining || !this.consumer || this.items.length === 0) return;
    if (this.goesAtOnce()) return this.start();
    if (!this.linger) {
      this.linger = setTimeout(() => this.start(), this.lingerMs);
      // Nothing is lost if the process exits meanwhile: the spool reconciliation re-scores.
      this.linger.unref();
    }
  }

  private start(): void {
    clearTimeout(this.linger);
    this.linger = undefined;
    if (this.draining || !this.consumer || this.items.length === 0) return;
    this.draining = this.loop().finally(() => {
      this.draining = undefined;
      this.kick();
    });
  }

  /** Whether what is queued goes without waiting: a whole task, or no linger time at all. */
  private goesAtOnce(): boolean {
    return this.items.length >= this.fullTask || this.lingerMs === 0;
  }

  /**
   * Hands over the batch it was started for (`start` checked there is one), then more while they
   * go at once; a remainder goes back to lingering (`kick`, when the loop ends).
   */
  private async loop(): Promise<void> {
    const consumer = this.consumer as FeedConsumer;
    do {
      const batch = this.items.splice(0, this.batchSize);
      try {
        await consumer(batch);
      } catch (err) {
        // The spool still has these measurements: the uploader archives them.
        this.logger.error(`fastpath consumer failed for ${batch.length} measurements: ${(err as Error).message}`);
        this.metrics.increment('fastpath_feed_errors', batch.length);
      }
    } while (this.items.length > 0 && this.goesAtOnce());
  }
}
