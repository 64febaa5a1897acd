// organize-imports-ignore: the first import sizes libuv's thread pool before any module uses it.
import './common/clickhouse/libuv-threadpool';
import { Logger } from '@nestjs/common';
import 'reflect-metadata';
import { createApp } from './app.factory';
import { loadConfig } from './common/config/load-config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen({ host: config.host, port: config.port });
  new Logger('Bootstrap').log(`listening on ${await app.getUrl()} (API docs at /apidocs)`);
}

bootstrap().catch((err: unknown) => {
  // Configuration and startup errors: one clear line, no stack, non-zero exit.
  process.stderr.write(`ooni-api: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
