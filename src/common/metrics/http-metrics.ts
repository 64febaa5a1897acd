import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { ComponentMetrics, MetricsService } from './metrics.service';

/** `/api/v1/measurement/:measurement_uid` → `api_v1_measurement_measurement_uid`; no route → `unmatched`. */
export function routeMetricName(routeUrl: string | undefined): string {
  if (!routeUrl) return 'unmatched';
  const name = routeUrl
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return name || 'root';
}

/**
 * Per-route latency and status counts of every answer, timed by Fastify from the first byte
 * received to the last byte sent: `ooni-api.http.<route>` (timer), `ooni-api.http_status.<code>`.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  private readonly metrics: ComponentMetrics;
  /** Metric names per route pattern (a closed set: the routes this app declares). */
  private readonly names = new Map<string | undefined, string>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onResponse', (request, reply, done) => {
      this.metrics.timing(this.timerName(request.routeOptions.url), reply.elapsedTime);
      this.metrics.increment(`http_status.${reply.statusCode}`);
      done();
    });
  }

  private timerName(routeUrl: string | undefined): string {
    let name = this.names.get(routeUrl);
    if (name === undefined) {
      name = `http.${routeMetricName(routeUrl)}`;
      this.names.set(routeUrl, name);
    }
    return name;
  }
}
