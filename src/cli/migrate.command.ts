import { Command } from 'commander';
import { createClickhouseClient } from '../common/clickhouse/create-clickhouse-client';
import { Migrator } from '../common/clickhouse/migrator';
import { loadConfig } from '../common/config/load-config';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Create or update every ClickHouse table; already applied migrations are skipped')
    .action(async () => {
      const config = loadConfig();
      const client = await createClickhouseClient(config);
      try {
        const ran = await new Migrator(client).migrate();
        process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'schema is up to date\n');
      } finally {
        await client.close();
      }
    });
}
