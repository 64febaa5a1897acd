import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { StatsD } from 'hot-shots';
import { AppConfig } from '../config/app-config';

/** The metrics of one component, e.g. `ooni-api.` or `fastpath.` (StatsD over UDP, never blocking). */
export interface ComponentMetrics {
  increment(name: string, value?: number, tags?: Record<string, string>): void;
  gauge(name: string, value: number): void;
  timing(name: string, ms: number): void;
}

@Injectable()
export class MetricsService implements OnApplicationShutdown {
  private readonly client: StatsD;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    const { metrics } = config;
    // The global prefix goes in each component's own: hot-shots puts a child's prefix
    // *before* its parent's, which would give `ooni-api.ooni.x` instead of `ooni.ooni-api.x`.
    this.prefix = metrics.prefix ? `${metrics.prefix}.` : '';
    this.client = new StatsD({
      host: metrics.statsd_host,
      port: metrics.statsd_port,
      mock: !metrics.enabled,
      // Metrics must never take a request down: UDP errors are dropped.
      errorHandler: () => undefined,
    });
  }

  component(name: string): ComponentMetrics {
    const child = this.client.childClient({ prefix: `${this.prefix}${name}.` });
    return {
      increment: (metric, value = 1, tags) => child.increment(metric, value, tags),
      gauge: (metric, value) => child.gauge(metric, value),
      timing: (metric, ms) => child.timing(metric, ms),
    };
  }

  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve) => this.client.close(() => resolve()));
  }
}
