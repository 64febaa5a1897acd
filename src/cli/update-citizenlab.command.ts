import { DynamicModule, Module } from '@nestjs/common';
import { Command } from 'commander';
import { ClickhouseModule } from '../common/clickhouse/clickhouse.module';
import { AppConfig } from '../common/config/app-config';
import { ConfigModule } from '../common/config/config.module';
import { loadConfig } from '../common/config/load-config';
import { MetricsModule } from '../common/metrics/metrics.module';
import { CITIZENLAB_UPDATER_PROVIDERS } from '../modules/citizenlab/updater/citizenlab-updater.providers';
import {
  CitizenlabUpdaterService,
  UpdaterRunOptions,
  UpdaterSummary,
} from '../modules/citizenlab/updater/citizenlab-updater.service';
import { withAppContext } from './with-app-context';

@Module({})
class UpdateCitizenlabCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: UpdateCitizenlabCliModule,
      imports: [ConfigModule.forRoot(config), ClickhouseModule, MetricsModule],
      providers: CITIZENLAB_UPDATER_PROVIDERS,
    };
  }
}

/** One updater run in this process, with its own ClickHouse connection. */
export async function runCitizenlabUpdate(config: AppConfig, opts: UpdaterRunOptions = {}): Promise<UpdaterSummary> {
  return withAppContext(UpdateCitizenlabCliModule.forRoot(config), config, (app) =>
    app.get(CitizenlabUpdaterService).run(opts),
  );
}

export function updateCitizenlabCommand(): Command {
  return new Command('update-citizenlab')
    .description(
      'Fetch the CitizenLab test lists (citizenlab.repo_url), validate every list strictly and swap them into ' +
        'the citizenlab table. Any failure leaves the table untouched and exits 1.',
    )
    .option('--dry-run', 'fetch and validate only; change no table')
    .action(async (opts: { dryRun?: boolean }) => {
      const summary = await runCitizenlabUpdate(loadConfig(), { dryRun: opts.dryRun ?? false });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      if (!summary.ok) process.exitCode = 1;
    });
}
