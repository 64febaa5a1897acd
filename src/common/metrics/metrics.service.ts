import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { StatsD } from 'hot-shots';
import { AppConfig } from '../config/app-config';

/** The metrics of one component, e.g. `ooni-api.` or `fastpath.` (StatsD over UDP, never blocking). */
export interface ComponentMetrics {
  increment(name: string, value?: number, tags?: Record<string, string>): void;
  gauge(name: string, value: number): void;
  timing(name: string, ms: number): void;
}

const NO_METRICS: ComponentMetrics = {
  increment: () => undefined,
  gauge: () => undefined,
  timing: () => undefined,
};

@Injectable()
export class MetricsService implements OnApplicationShutdown {
  /**
   * None when metrics are disabled: hot-shots' own "mock" mode would keep every metric in an
   * array for the life of the process (two per request: a leak, and old-generation GC work).
   */
  private readonly client: StatsD | null;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    const { metrics } = config;
    // The global prefix goes in each component's own: hot-shots puts a child's prefix
    // *before* its parent's, which would give `ooni-api.ooni.x` instead of `ooni.ooni-api.x`.
    this.prefix = metrics.prefix ? `${metrics.prefix}.` : '';
    this.client = metrics.enabled
      ? new StatsD({
          host: metrics.statsd_host,
          port: metrics.statsd_port,
          // Several metrics per datagram: one UDP send per flush, not one per metric.
          maxBufferSize: metrics.max_datagram_bytes,
          bufferFlushInterval: metrics.flush_interval_ms,
          // Metrics must never take a request down: UDP errors are dropped.
          errorHandler: () => undefined,
        })
      : null;
  }

  component(name: string): ComponentMetrics {
    if (this.client === null) return NO_METRICS;
    const child = this.client.childClient({ prefix: `${this.prefix}${name}.` });
    return {
      increment: (metric, value = 1, tags) => child.increment(metric, value, tags),
      gauge: (metric, value) => child.gauge(metric, value),
      timing: (metric, ms) => child.timing(metric, ms),
    };
  }

  /** Sends what is buffered and closes the socket. */
  onApplicationShutdown(): Promise<void> {
    const client = this.client;
    if (client === null) return Promise.resolve();
    return new Promise((resolve) => client.close(() => resolve()));
  }
}
