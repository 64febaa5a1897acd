// organize-imports-ignore: the first import sizes libuv's thread pool before any module uses it.
import './common/clickhouse/libuv-threadpool';
import { Command } from 'commander';
import 'reflect-metadata';
import { createAdminCommand } from './cli/create-admin.command';
import { fastpathFeederCommand } from './cli/fastpath-feeder.command';
import { fastpathCommand } from './cli/fastpath.command';
import { jobsCommand, runJobCommand } from './cli/jobs.command';
import { migrateCommand } from './cli/migrate.command';
import { restoreCommand } from './cli/restore.command';
import { serveCommand } from './cli/serve.command';
import { showConfigCommand } from './cli/show-config.command';
import { updateCitizenlabCommand } from './cli/update-citizenlab.command';
import { uploaderCommand } from './cli/uploader.command';

const program = new Command('ooni-api')
  .description('OONI backend operator CLI. Configuration as for the server (config/, OONI_CONFIG, env).')
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(fastpathCommand())
  .addCommand(fastpathFeederCommand())
  .addCommand(createAdminCommand())
  .addCommand(uploaderCommand())
  .addCommand(updateCitizenlabCommand())
  .addCommand(jobsCommand())
  .addCommand(runJobCommand())
  .addCommand(restoreCommand())
  .addCommand(showConfigCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
