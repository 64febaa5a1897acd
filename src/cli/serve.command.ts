import { Command } from 'commander';
import { createApp } from '../app.factory';
import { loadConfig } from '../common/config/load-config';

export function serveCommand(): Command {
  return new Command('serve').description('Run the API server (same as `npm start`)').action(async () => {
    const config = loadConfig();
    const app = await createApp(config);
    await app.listen({ host: config.host, port: config.port });
  });
}
