import { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CLICKHOUSE } from '../../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../../common/clickhouse/sql-example.decorator';
import { sqlIdent, sqlJoin } from '../../../common/clickhouse/sql-fragments';
import { ChunkFormat } from './chunk-records';
import { chunkKey } from './sort-key';

/** Text format of the dumps: tab-separated, with a header of column names and one of types. */
export const DUMP_FORMAT = 'TabSeparatedWithNamesAndTypes';

/** Output format of chunked reads; the same format parses the `after` cursor. */
const CHUNK_OUTPUT = { tsv: DUMP_FORMAT, csv: 'CSVWithNamesAndTypes' } as const;

const CHUNK_SETTINGS = {
  // Timestamps with their zone: a restore on a server in another timezone reads the same instants.
  tsv: { date_time_output_format: 'iso', date_time_input_format: 'best_effort' },
  // Public CSV: plain UTC timestamps.
  csv: { session_timezone: 'UTC', date_time_input_format: 'best_effort' },
} as const satisfies Record<ChunkFormat, ClickHouseSettings & { session_timezone?: string }>;

/** The UTC day of each row, for the tables exported day by day. */
export const DAY_EXPRESSIONS = {
  fastpath: "toDate(measurement_start_time, 'UTC')",
  obs_openvpn: "toDate(measurement_start_time, 'UTC')",
  jsonl: 'date',
} as const;
export type DayTable = keyof typeof DAY_EXPRESSIONS;
export const isDayTable = (t: string): t is DayTable => Object.hasOwn(DAY_EXPRESSIONS, t);

export interface TableLayout {
  /** Columns of the chunk cursor; empty: read whole. */
  key: string[];
  /** Uncompressed bytes per row as ClickHouse counts them, when it knows. */
  bytesPerRow: number | null;
}

export interface ChunkQuery {
  format: ChunkFormat;
  key: readonly string[];
  /** Header lines and the last record of the previous chunk; null: from the start. */
  after: string | null;
  limit: number;
  /** YYYY-MM-DD: only this UTC day (tables of DAY_EXPRESSIONS). */
  day?: string;
}

interface LayoutRow {
  sorting_key: string;
  primary_key: string;
  total_rows: number | string | null;
  uncompressed_bytes: number | string | null;
  columns: Array<[string, string, string]>;
}

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

  /** What chunked reads of a table need: its key (see chunkKey) and an estimate of its size. */
  @SqlExample({ params: ['fastpath'] })
  async layout(table: string): Promise<TableLayout> {
    const rs = await this.clickhouse.query({
      query: `SELECT sorting_key, primary_key,
                (SELECT sum(rows) FROM system.parts
                 WHERE database = currentDatabase() AND table = {t:String} AND active) AS total_rows,
                (SELECT sum(data_uncompressed_bytes) FROM system.parts
                 WHERE database = currentDatabase() AND table = {t:String} AND active) AS uncompressed_bytes,
                (SELECT groupArray((name, type, default_kind)) FROM system.columns
                 WHERE database = currentDatabase() AND table = {t:String}) AS columns
              FROM system.tables WHERE database = currentDatabase() AND name = {t:String}`,
      query_params: { t: table },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<LayoutRow>();
    if (!row) throw new Error(`no table ${table}`);
    const columns = row.columns.map(([name, type, kind]) => ({ name, type, default_kind: kind }));
    const rows = Number(row.total_rows ?? 0);
    const bytes = Number(row.uncompressed_bytes ?? 0);
    return {
      key: chunkKey(row.sorting_key, row.primary_key, columns),
      bytesPerRow: rows > 0 && bytes > 0 ? bytes / rows : null,
    };
  }

  /**
   * At most `limit` rows of the table (more only when rows tie with the last one on the key)
   * in key order, after the record `after` (a chunk header and one record in the same
   * format), as text with two header lines. Only `day` rows of a DAY_EXPRESSIONS table
   * when `day` is given. Without a key the whole table (or day) is read in one query.
   */
  @SqlExample(
    { params: ['citizenlab', { format: 'tsv', key: ['domain', 'url'], after: null, limit: 2 }] },
    {
      name: 'after a cursor, one day',
      params: [
        'fastpath',
        {
          format: 'csv',
          key: ['measurement_start_time', 'report_id'],
          after: 'measurement_start_time,report_id\n"DateTime","String"\n"2024-01-01 00:00:00","r"\n',
          limit: 2,
          day: '2024-01-01',
        },
      ],
    },
  )
  async readChunk(table: string, opts: ChunkQuery): Promise<string> {
    const f = opts.format;
    const clauses: string[] = [];
    if (opts.day !== undefined) {
      if (!isDayTable(table)) throw new Error(`${table} has no day column`);
      clauses.push(`${DAY_EXPRESSIONS[table]} = {day:Date}`);
    }
    if (opts.after !== null && opts.key.length > 0) {
      clauses.push(
        `${sqlIdent(opts.key[0])} >= (SELECT ${sqlIdent(opts.key[0])} FROM format(${CHUNK_OUTPUT[f]}, {after:String}))`,
        `(${sqlJoin(opts.key.map(sqlIdent), ', ')}) > (SELECT ${sqlJoin(opts.key.map(sqlIdent), ', ')} FROM format(${CHUNK_OUTPUT[f]}, {after:String}))`,
      );
    }
    const where = clauses.length > 0 ? `WHERE ${sqlJoin(clauses, ' AND ')}` : '';
    const order =
      opts.key.length > 0 ? `ORDER BY ${sqlJoin(opts.key.map(sqlIdent), ', ')} LIMIT {limit:UInt64} WITH TIES` : '';
    const sql = `SELECT * FROM {t:Identifier} ${sqlJoin([where, order].filter(Boolean), ' ')}`;
    const rs = await this.clickhouse.query({
      query: sql,
      query_params: { t: table, after: opts.after, limit: opts.limit, day: opts.day },
      format: CHUNK_OUTPUT[f],
      clickhouse_settings: CHUNK_SETTINGS[f],
    });
    return rs.text();
  }

  /** Rows per UTC day of a DAY_EXPRESSIONS table, days before `before` (YYYY-MM-DD), oldest first. */
  @SqlExample({ params: ['fastpath', '2024-01-02'] })
  async dayCounts(table: DayTable, before: string): Promise<Array<{ day: string; rows: number }>> {
    const sql = `SELECT toString(${DAY_EXPRESSIONS[table]}) AS day, count() AS rows FROM {t:Identifier}
                 WHERE ${DAY_EXPRESSIONS[table]} < {before:Date} GROUP BY day ORDER BY day`;
    const rs = await this.clickhouse.query({
      query: sql,
      query_params: { t: table, before },
      format: 'JSONEachRow',
    });
    return (await rs.json<{ day: string; rows: number | string }>()).map((r) => ({ day: r.day, rows: Number(r.rows) }));
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
