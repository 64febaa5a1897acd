import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { FingerprintRecord } from './scoring/types';

export type FingerprintKind = 'dns' | 'http';

const TABLES: Record<FingerprintKind, string> = { dns: 'fingerprints_dns', http: 'fingerprints_http' };

/** `fingerprints_dns` / `fingerprints_http` (EmbeddedRocksDB, keyed by name). */
@Injectable()
export class FingerprintsRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  @SqlExample({ params: ['dns'] }, { params: ['http'], name: 'http' })
  async list(kind: FingerprintKind): Promise<FingerprintRecord[]> {
    const rs = await this.clickhouse.query({
      query: `SELECT name, toString(scope) AS scope, other_names, location_found,
                     toString(pattern_type) AS pattern_type, pattern, confidence_no_fp, expected_countries
              FROM {table:Identifier} ORDER BY name`,
      query_params: { table: TABLES[kind] },
      format: 'JSONEachRow',
    });
    return rs.json<FingerprintRecord>();
  }

  @SqlExample({ params: ['dns'] })
  async count(kind: FingerprintKind): Promise<number> {
    const rs = await this.clickhouse.query({
      query: 'SELECT count() AS n FROM {table:Identifier}',
      query_params: { table: TABLES[kind] },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: number }>();
    return row.n;
  }

  @SqlExample({
    params: [
      'dns',
      [
        {
          name: 'dns.example',
          scope: 'nat',
          location_found: 'dns',
          pattern_type: 'full',
          pattern: '10.10.34.35',
          confidence_no_fp: 5,
          expected_countries: 'IR',
        },
      ],
    ],
  })
  async insert(kind: FingerprintKind, records: readonly FingerprintRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.clickhouse.insert({
      table: TABLES[kind],
      values: records.map((r) => ({
        name: r.name,
        scope: r.scope,
        other_names: r.other_names ?? '',
        location_found: r.location_found,
        pattern_type: r.pattern_type,
        pattern: r.pattern,
        confidence_no_fp: r.confidence_no_fp,
        expected_countries: Array.isArray(r.expected_countries) ? r.expected_countries.join(',') : r.expected_countries,
        source: '',
        exp_url: '',
        notes: '',
      })),
      format: 'JSONEachRow',
    });
  }
}
