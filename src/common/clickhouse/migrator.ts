import { ClickHouseClient } from '@clickhouse/client';
import { Migration, MIGRATIONS } from './migrations';

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations
(
    id String,
    applied_at DateTime64(3) DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY id`;

/** Applies pending migrations in order and records each in `schema_migrations`. */
export class Migrator {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly migrations: readonly Migration[] = MIGRATIONS,
  ) {}

  async applied(): Promise<Set<string>> {
    await this.client.command({ query: LEDGER });
    const rs = await this.client.query({ query: 'SELECT DISTINCT id FROM schema_migrations', format: 'JSONEachRow' });
    const rows = await rs.json<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** Returns the ids of the migrations applied by this call (empty when up to date). */
  async migrate(): Promise<string[]> {
    const done = await this.applied();
    const ran: string[] = [];
    for (const migration of this.migrations) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.statements) {
        await this.client.command({ query: statement });
      }
      await this.client.insert({ table: 'schema_migrations', values: [{ id: migration.id }], format: 'JSONEachRow' });
      ran.push(migration.id);
    }
    return ran;
  }
}
