import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { ClickhouseModule } from '../common/clickhouse/clickhouse.module';
import { AppConfig } from '../common/config/app-config';
import { ConfigModule } from '../common/config/config.module';
import { loadConfig } from '../common/config/load-config';
import { createLogger } from '../common/logging/create-logger';
import { MetricsModule } from '../common/metrics/metrics.module';
import { StorageModule } from '../common/storage/storage.module';
import { UploaderModule } from '../modules/scheduler/uploader/uploader.module';
import { UploaderRunOptions, UploaderService, UploaderSummary } from '../modules/scheduler/uploader/uploader.service';

@Module({})
class UploaderCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: UploaderCliModule,
      imports: [ConfigModule.forRoot(config), ClickhouseModule, StorageModule, MetricsModule, UploaderModule],
    };
  }
}

/** One uploader run in this process, with its own ClickHouse connection (what `cli uploader` does). */
export async function runUploader(config: AppConfig, opts: UploaderRunOptions = {}): Promise<UploaderSummary> {
  const app = await NestFactory.createApplicationContext(UploaderCliModule.forRoot(config), {
    logger: createLogger(config),
    abortOnError: false,
  });
  try {
    return await app.get(UploaderService).run(opts);
  } finally {
    await app.close();
  }
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
