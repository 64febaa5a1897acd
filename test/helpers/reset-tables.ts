import { ClickHouseClient } from '@clickhouse/client';

// Seeded by migrations, not by tests.
const KEEP = new Set(['schema_migrations', 'test_groups']);

/** Empties every data table (materialized views' storage included) between tests. */
export async function resetTables(client: ClickHouseClient): Promise<void> {
  const rs = await client.query({
    query: `SELECT name FROM system.tables
            WHERE database = currentDatabase() AND engine NOT IN ('MaterializedView', 'View', 'Join')`,
    format: 'JSONEachRow',
  });
  for (const { name } of await rs.json<{ name: string }>()) {
    if (KEEP.has(name)) continue;
    await client.command({ query: 'TRUNCATE TABLE {name:Identifier}', query_params: { name } });
  }
}
