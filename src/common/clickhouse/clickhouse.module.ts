import { ClickHouseClient } from '@clickhouse/client';
import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CLICKHOUSE } from './clickhouse.constants';
import { createClickhouseClient } from './create-clickhouse-client';
import { Migrator } from './migrator';

@Injectable()
export class ClickhouseLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('ClickHouse');

  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
    this.logger.log('connection closed');
  }
}

/** One ClickHouse client per process, migrated before anything else uses it. */
@Global()
@Module({
  providers: [
    {
      provide: CLICKHOUSE,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<ClickHouseClient> => {
        const logger = new Logger('ClickHouse');
        const client = await createClickhouseClient(config);
        logger.log(config.isEmbeddedClickhouse ? `embedded chDB at ${config.clickhouse.path}` : config.clickhouse.url);
        const ran = await new Migrator(client).migrate();
        if (ran.length > 0) logger.log(`applied migrations: ${ran.join(', ')}`);
        return client;
      },
    },
    ClickhouseLifecycle,
  ],
  exports: [CLICKHOUSE],
})
export class ClickhouseModule {}
