import { Command } from 'commander';
import { createApp } from '../app.factory';
import { sizeLibuvThreadpool } from '../common/clickhouse/libuv-threadpool';
import { loadConfig } from '../common/config/load-config';

export function serveCommand(): Command {
  return new Command('serve').description('Run the API server (same as `npm start`)').action(async () => {
    const config = loadConfig();
    sizeLibuvThreadpool(config);
    const app = await createApp(config);
    await app.listen({ host: config.host, port: config.port });
  });
}
