import { DynamicModule, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/common/config/app-config';
import { loadConfig } from '../src/common/config/load-config';
import { AllExceptionsFilter } from '../src/common/errors/all-exceptions.filter';

export interface BenchApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  close(): Promise<void>;
}

/** A StatsD stand-in on loopback that reads and drops every datagram. */
async function statsdSink(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/**
 * The real application on embedded ClickHouse in a temp dir, listening on loopback, with
 * metrics sent as in production (to a local sink).
 */
export async function startBenchApp(overrides: Record<string, unknown> = {}): Promise<BenchApp> {
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-'));
  const statsd = await statsdSink();
  const config = loadConfig({
    env: { NODE_ENV: 'test' },
    overrides: {
      var_dir: varDir,
      log: { level: 'error' },
      metrics: { enabled: true, statsd_host: '127.0.0.1', statsd_port: statsd.address().port },
      ...overrides,
    },
  });
  const app = await createApp(config, { quiet: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      statsd.close();
      fs.rmSync(varDir, { recursive: true, force: true });
    },
  };
}

/**
 * A few modules of the application (`forRoot(config)`) served on a loopback port like the
 * real app, on embedded ClickHouse in `varDir`, with a long query limit for 10M-row data sets.
 */
export async function startBenchModules(
  forRoot: (config: AppConfig) => DynamicModule,
  varDir: string,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const config = loadConfig({
    env: { NODE_ENV: 'test' },
    overrides: { var_dir: varDir, log: { level: 'error' }, clickhouse: { max_execution_time_s: 600 } },
  });
  const app = await NestFactory.create<NestFastifyApplication>(forRoot(config), new FastifyAdapter(), {
    logger: false,
    bodyParser: false,
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: false }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return { app, url: `http://127.0.0.1:${address.port}` };
}
