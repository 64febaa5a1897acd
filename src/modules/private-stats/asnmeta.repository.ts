import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { AsnmetaRow } from '../../common/asnmeta/asnmeta-row';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';

/** Network (AS) organisation names: `asnmeta`, one row per ASN and change date. */
@Injectable()
export class AsnmetaRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  /** The most recent organisation name of `asn`. */
  @SqlExample({ params: [3269] })
  async orgName(asn: number): Promise<string | undefined> {
    const rs = await this.clickhouse.query({
      query: 'SELECT org_name FROM asnmeta WHERE asn = {asn:UInt64} ORDER BY changed DESC LIMIT 1',
      query_params: { asn },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ org_name: string }>();
    return row?.org_name;
  }

  /** The most recent organisation name of each of `asns` that has one (a primary key range read). */
  @SqlExample({ params: [[3269, 30722]] })
  async orgNames(asns: readonly number[]): Promise<Map<number, string>> {
    if (asns.length === 0) return new Map();
    const rs = await this.clickhouse.query({
      query: `SELECT asn, argMax(org_name, changed) AS org_name FROM asnmeta
              WHERE asn IN {asns:Array(UInt64)} GROUP BY asn`,
      query_params: { asns },
      format: 'JSON',
    });
    const { data } = await rs.json<{ asn: number; org_name: string }>();
    return new Map(data.map((r) => [r.asn, r.org_name]));
  }

  @SqlExample({ params: [] })
  async count(): Promise<number> {
    const rs = await this.clickhouse.query({ query: 'SELECT count() AS n FROM asnmeta', format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: number }>();
    return Number(row?.n ?? 0);
  }

  @SqlExample({ params: [[]] })
  async insert(rows: readonly AsnmetaRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.clickhouse.insert({ table: 'asnmeta', values: rows, format: 'JSONEachRow' });
  }
}
