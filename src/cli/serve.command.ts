import { Command } from 'commander';
import { loadConfig } from '../common/config/load-config';
import { startServer } from '../server';

export function serveCommand(): Command {
  return new Command('serve').description('Run the API server (same as `npm start`)').action(async () => {
    await startServer(loadConfig());
  });
}
