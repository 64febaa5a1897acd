import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/common/config/app-config';
import { loadConfig } from '../src/common/config/load-config';

export interface BenchApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  close(): Promise<void>;
}

/** The real application on embedded ClickHouse in a temp dir, listening on loopback. */
export async function startBenchApp(overrides: Record<string, unknown> = {}): Promise<BenchApp> {
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-'));
  const config = loadConfig({
    env: { NODE_ENV: 'test' },
    overrides: { var_dir: varDir, log: { level: 'error' }, ...overrides },
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
      fs.rmSync(varDir, { recursive: true, force: true });
    },
  };
}
