import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ComponentMetrics, MetricsService } from '../metrics/metrics.service';
import { RetryOptions, withRetries } from '../retry/with-retries';
import { FeedConsumer, FeedItem, MeasurementFeeder } from './measurement-feeder';

const CONCURRENCY = 4;
const TIMEOUT_MS = 10_000;

/**
 * Hands measurements to a fastpath running as its own process: POST <feeder_url>/<uid>
 * with the body (the legacy API did the same). Bounded and fire-and-forget: a failed
 * hand-over is retried with backoff, then counted and logged; the measurement is still in
 * the spool, and the spool reconciliation (before upload, at start) hands it over again.
 */
@Injectable()
export class HttpFeeder extends MeasurementFeeder {
  private readonly logger = new Logger('HttpFeeder');
  private readonly metrics: ComponentMetrics;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly capacity: number;
  private readonly retry: RetryOptions;
  private items: FeedItem[] = [];
  private inFlight = 0;
  private idle: Array<() => void> = [];

  constructor(config: AppConfig, metrics: MetricsService) {
    super();
    this.url = config.fastpath.feeder_url.replace(/\/$/, '');
    const secret = config.fastpath.feeder_secret;
    this.headers = secret ? { authorization: `Bearer ${secret}` } : {};
    this.capacity = config.probe_services.feed_queue_size;
    this.metrics = metrics.component('ooni-api');
    this.retry = { retries: config.fastpath.insert_retries, baseMs: config.fastpath.retry_base_ms };
  }

  get queued(): number {
    return this.items.length + this.inFlight;
  }

  offer(item: FeedItem): boolean {
    if (this.items.length >= this.capacity) {
      this.metrics.increment('fastpath_feed_dropped');
      return false;
    }
    this.items.push(item);
    this.pump();
    return true;
  }

  get active(): boolean {
    return true;
  }

  async feedAndWait(items: FeedItem[]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) await this.sendWithRetries(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  }

  consume(_consumer: FeedConsumer): void {
    throw new Error('HttpFeeder has no local consumer: the fastpath runs in another process');
  }

  drain(): Promise<void> {
    if (this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < CONCURRENCY && this.items.length > 0) {
      const item = this.items.shift() as FeedItem;
      this.inFlight++;
      void this.send(item).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.queued === 0) this.idle.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async send(item: FeedItem): Promise<void> {
    try {
      await this.sendWithRetries(item);
    } catch (err) {
      // Still in the spool: the reconciliation before upload (or at the next start) scores it.
      this.metrics.increment('fastpath_feed_errors');
      this.logger.warn(`handing ${item.measurementUid} to the fastpath failed: ${(err as Error).message}`);
    }
  }

  /** POSTs the item, retrying failures with exponential backoff; throws after the last attempt. */
  private async sendWithRetries(item: FeedItem): Promise<void> {
    await withRetries(this.retry, async () => {
      const res = await fetch(`${this.url}/${encodeURIComponent(item.measurementUid)}`, {
        method: 'POST',
        body: item.body,
        headers: this.headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
    });
  }
}
