import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../../common/clickhouse/sql-example.decorator';

/** Live tables that updaters replace wholesale, and their staging twins (closed map). */
export const STAGED_TABLES = {
  fingerprints_dns: 'fingerprints_dns_tmp',
  fingerprints_http: 'fingerprints_http_tmp',
  asnmeta: 'asnmeta_tmp',
} as const;

export type StagedTable = keyof typeof STAGED_TABLES;

/** `CREATE TABLE … AS …` takes no identifier parameters: one fixed statement per table. */
const CREATE_STAGING: Record<StagedTable, string> = {
  fingerprints_dns: 'CREATE TABLE fingerprints_dns_tmp AS fingerprints_dns',
  fingerprints_http: 'CREATE TABLE fingerprints_http_tmp AS fingerprints_http',
  asnmeta: 'CREATE TABLE asnmeta_tmp AS asnmeta',
};

/**
 * Whole-table replacement: fill `<table>_tmp` (a fresh copy of the live table's structure),
 * check it, then `EXCHANGE TABLES` (atomic). Until the exchange the live table is untouched.
 */
@Injectable()
export class StagingTablesRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  /** Drops and recreates the staging table with the live table's current structure. */
  @SqlExample({ params: ['asnmeta'] })
  async prepare(table: StagedTable): Promise<void> {
    const staging = STAGED_TABLES[table];
    await this.clickhouse.command({ query: 'DROP TABLE IF EXISTS {staging:Identifier}', query_params: { staging } });
    await this.clickhouse.command({ query: CREATE_STAGING[table] });
  }

  @SqlExample({ params: ['asnmeta', [{ asn: 3269, org_name: 'Telecom Italia', cc: 'IT', changed: '2024-01-01' }]] })
  async insertStaged(table: StagedTable, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.clickhouse.insert({
      table: STAGED_TABLES[table],
      values: rows,
      format: 'JSONEachRow',
    });
  }

  @SqlExample({ params: ['asnmeta', true] })
  async count(table: StagedTable, staged: boolean): Promise<number> {
    const rs = await this.clickhouse.query({
      query: 'SELECT count() AS n FROM {t:Identifier}',
      query_params: { t: staged ? STAGED_TABLES[table] : table },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string | number }>();
    return Number(row.n);
  }

  /** Atomically exchanges live and staging: the previous data is left in the staging table. */
  @SqlExample({ params: ['asnmeta'] })
  async swap(table: StagedTable): Promise<void> {
    await this.clickhouse.command({
      query: 'EXCHANGE TABLES {staging:Identifier} AND {live:Identifier}',
      query_params: { staging: STAGED_TABLES[table], live: table },
    });
  }
}
