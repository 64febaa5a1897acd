import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ComponentMetrics, MetricsService } from '../metrics/metrics.service';
import { FeedConsumer, FeedFlush, FeedItem, MeasurementFeeder } from './measurement-feeder';

/** Bounded in-memory queue drained in batches by a single consumer loop. */
@Injectable()
export class InProcessFeeder extends MeasurementFeeder {
  private readonly logger = new Logger('Feeder');
  private readonly metrics: ComponentMetrics;
  private readonly capacity: number;
  private readonly enabled: boolean;
  private readonly batchSize = 256;
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

  /** Resolves when everything queued so far has been handed to the consumer. */
  async drain(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private kick(): void {
    if (this.draining || !this.consumer || this.items.length === 0) return;
    this.draining = this.loop().finally(() => {
      this.draining = undefined;
      this.kick();
    });
  }

  private async loop(): Promise<void> {
    const consumer = this.consumer;
    while (consumer && this.items.length > 0) {
      const batch = this.items.splice(0, this.batchSize);
      try {
        await consumer(batch);
      } catch (err) {
        // The spool still has these measurements: the uploader archives them.
        this.logger.error(`fastpath consumer failed for ${batch.length} measurements: ${(err as Error).message}`);
        this.metrics.increment('fastpath_feed_errors', batch.length);
      }
    }
  }
}
