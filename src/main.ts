// organize-imports-ignore: the first import sizes libuv's thread pool before any module uses it.
import './common/clickhouse/libuv-threadpool';
import 'reflect-metadata';
import { loadConfig } from './common/config/load-config';
import { startServer } from './server';

// Inside the promise chain, so a configuration error (thrown by loadConfig) takes the same path.
Promise.resolve()
  .then(() => startServer(loadConfig()))
  .catch((err: unknown) => {
    // Configuration and startup errors: one clear line, no stack, non-zero exit.
    process.stderr.write(`ooni-api: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
