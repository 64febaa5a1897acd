import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CLICKHOUSE } from '../../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../../common/clickhouse/sql-example.decorator';

/** Text format of the dumps: tab-separated, with a header of column names and one of types. */
export const DUMP_FORMAT = 'TabSeparatedWithNamesAndTypes';

export interface TableSummary {
  rows: number;
  /** Order-independent digest of every row: XOR of cityHash64 over all columns. */
  checksum: string;
}

/**
 * Any table, read or written whole in the dump format (backup and restore). Table names
 * are only those `existing()` returned from system.tables, passed as identifiers.
 */
@Injectable()
export class TableDumpRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  /** The subset of `names` that are tables of the current database (the closed set of dumpable tables). */
  @SqlExample({ params: [['citizenlab', 'url_priorities']] })
  async existing(names: readonly string[]): Promise<string[]> {
    const rs = await this.clickhouse.query({
      query: `SELECT name FROM system.tables
              WHERE database = currentDatabase() AND name IN {names:Array(String)} AND NOT is_temporary
              ORDER BY name`,
      query_params: { names },
      format: 'JSONEachRow',
    });
    return (await rs.json<{ name: string }>()).map((r) => r.name);
  }

  @SqlExample({ params: ['citizenlab'] })
  async summary(table: string): Promise<TableSummary> {
    const rs = await this.clickhouse.query({
      query: 'SELECT count() AS rows, toString(groupBitXor(cityHash64(*))) AS checksum FROM {t:Identifier}',
      query_params: { t: table },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ rows: number | string; checksum: string }>();
    return { rows: Number(row.rows), checksum: row.checksum };
  }

  /** Every line of the table in the dump format (two header lines first), streamed. */
  @SqlExample({ params: ['citizenlab'] })
  async *lines(table: string): AsyncGenerator<string> {
    const rs = await this.clickhouse.query({
      query: 'SELECT * FROM {t:Identifier}',
      query_params: { t: table },
      format: DUMP_FORMAT,
      // Timestamps with their zone: a restore on a server in another timezone reads the same instants.
      clickhouse_settings: { date_time_output_format: 'iso' },
    });
    for await (const rows of rs.stream()) {
      for (const row of rows as Array<{ text: string }>) yield row.text;
    }
  }

  /** Inserts one dump chunk (header lines included). */
  @SqlExample({ params: ['citizenlab', Buffer.from('url\tcategory_code\nString\tString\nhttps://a.example/\tNEWS\n')] })
  async insertDump(table: string, dump: Buffer): Promise<void> {
    await this.clickhouse.insert({
      table,
      values: Readable.from([dump], { objectMode: false }),
      format: DUMP_FORMAT,
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }
}
