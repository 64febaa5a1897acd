import { ClickHouseClient } from '@clickhouse/client';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestingModule } from '@nestjs/testing';
import { applyHttpConventions, createApp } from '../../src/app.factory';
import { CLICKHOUSE } from '../../src/common/clickhouse/clickhouse.constants';
import { AppConfig } from '../../src/common/config/app-config';
import { makeTempDir, removeDir } from './temp-dir';
import { testConfig } from './test-config';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  clickhouse: ClickHouseClient;
  /** http://127.0.0.1:<port> */
  url: string;
  varDir: string;
  close(): Promise<void>;
}

/**
 * Boots the whole application on embedded chDB in a fresh temp directory and listens on a
 * random loopback port. Call `close()` in afterAll: one chDB data directory per process at a time.
 */
export async function startTestApp(
  overrides: Record<string, unknown> = {},
  opts: { varDir?: string; keepVarDir?: boolean } = {},
): Promise<TestApp> {
  const varDir = opts.varDir ?? makeTempDir();
  const config = testConfig(varDir, overrides);
  // OONI_TEST_LOGS=1 shows the application's logs (e.g. the cause of a 500).
  const app = await createApp(config, { quiet: !process.env.OONI_TEST_LOGS });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('test app is not listening on TCP');
  return {
    app,
    config,
    clickhouse: app.get<ClickHouseClient>(CLICKHOUSE),
    url: `http://127.0.0.1:${address.port}`,
    varDir,
    close: async () => {
      await app.close();
      if (!opts.keepVarDir) removeDir(varDir);
    },
  };
}

/**
 * A testing module (a few modules, overridden providers) served like the real app on a
 * random loopback port.
 */
export async function listenTestingModule(
  moduleRef: TestingModule,
  bodyLimit = 1024 * 1024,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    bodyParser: false,
    logger: false,
  });
  applyHttpConventions(app, bodyLimit);
  await app.init();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('test app is not listening on TCP');
  return { app, url: `http://127.0.0.1:${address.port}` };
}
