import { DynamicModule, Module } from '@nestjs/common';
import { Command } from 'commander';
import { ClickhouseModule } from '../common/clickhouse/clickhouse.module';
import { AppConfig } from '../common/config/app-config';
import { ConfigModule } from '../common/config/config.module';
import { loadConfig } from '../common/config/load-config';
import { MetricsModule } from '../common/metrics/metrics.module';
import { StorageModule } from '../common/storage/storage.module';
import { BackupModule } from '../modules/scheduler/backup/backup.module';
import { RestoreService, RestoreSummary } from '../modules/scheduler/backup/restore.service';
import { withAppContext } from './with-app-context';

@Module({})
class RestoreCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RestoreCliModule,
      imports: [ConfigModule.forRoot(config), ClickhouseModule, StorageModule, MetricsModule, BackupModule],
    };
  }
}

/** Restores the backup at `prefix` of the data bucket into this (empty, freshly migrated) database. */
export async function restoreBackup(config: AppConfig, prefix: string): Promise<RestoreSummary> {
  return withAppContext(RestoreCliModule.forRoot(config), config, (app) => app.get(RestoreService).restore(prefix));
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description(
      'Restore a database backup (the job `backup`) from the data bucket into an empty database: creates the ' +
        'schema, checks every chunk, then row counts and checksums. <prefix> is e.g. clickhouse_backup/20240106T020000Z',
    )
    .argument('<prefix>', 'bucket prefix of the backup (the one holding manifest.json)')
    .action(async (prefix: string) => {
      const summary = await restoreBackup(loadConfig(), prefix);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
