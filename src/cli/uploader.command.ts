import { DynamicModule, Module } from '@nestjs/common';
import { Command } from 'commander';
import { ClickhouseModule } from '../common/clickhouse/clickhouse.module';
import { AppConfig } from '../common/config/app-config';
import { ConfigModule } from '../common/config/config.module';
import { loadConfig } from '../common/config/load-config';
import { FeederModule } from '../common/feeder/feeder.module';
import { MetricsModule } from '../common/metrics/metrics.module';
import { SpoolModule } from '../common/spool/spool.module';
import { StorageModule } from '../common/storage/storage.module';
import { FastpathModule } from '../modules/fastpath/fastpath.module';
import { UploaderModule } from '../modules/scheduler/uploader/uploader.module';
import { UploaderRunOptions, UploaderService, UploaderSummary } from '../modules/scheduler/uploader/uploader.service';
import { withAppContext } from './with-app-context';

@Module({})
class UploaderCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: UploaderCliModule,
      imports: [
        ConfigModule.forRoot(config),
        ClickhouseModule,
        StorageModule,
        MetricsModule,
        SpoolModule,
        FeederModule,
        // Spooled measurements without a fastpath row are scored here before their files go.
        ...(config.fastpath.enabled && !config.fastpath.feeder_url ? [FastpathModule] : []),
        UploaderModule,
      ],
    };
  }
}

/** One uploader run in this process, with its own ClickHouse connection (what `cli uploader` does). */
export async function runUploader(config: AppConfig, opts: UploaderRunOptions = {}): Promise<UploaderSummary> {
  // The one-shot run checks its own batches; no reconciliation of the whole spool at start.
  const oneShot = new AppConfig({ ...config, fastpath: { ...config.fastpath, reconcile_on_start: false } });
  return withAppContext(UploaderCliModule.forRoot(oneShot), config, (app) => app.get(UploaderService).run(opts));
}

export function uploaderCommand(): Command {
  return new Command('uploader')
    .description(
      'Upload the spooled measurements of closed hours to the data bucket (postcans, JSONL files) and index ' +
        'them in `jsonl`; finishes an interrupted run first. The running server does the same every hour.',
    )
    .option('--all', 'also upload the current hour, which is still receiving measurements')
    .action(async (opts: { all?: boolean }) => {
      const summary = await runUploader(loadConfig(), { all: opts.all ?? false });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
