import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';

/** One measurement of a JSONL file in the data bucket. */
export interface JsonlRow {
  report_id: string;
  input: string;
  s3path: string;
  linenum: number;
  measurement_uid: string;
  /** YYYY-MM-DD */
  date: string;
  source: string;
  byte_offset: number;
  byte_length: number;
}

/** Where a measurement body sits in the data bucket. */
export type JsonlLocation = Pick<JsonlRow, 's3path' | 'linenum' | 'byte_offset' | 'byte_length'>;

/** Report ids per lookup: keeps query parameters small (they travel in the URL). */
const LOOKUP_CHUNK = 200;

/** The `jsonl` table, its only owner: where each measurement body lies in the data bucket. */
@Injectable()
export class JsonlRepository {
  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  @SqlExample({
    params: [
      [
        {
          report_id: '20240101T000000Z_webconnectivity_IT_30722_n1_abcdefghijklmnop',
          input: 'https://example.org/',
          s3path: 'raw/20240101/00/IT/webconnectivity/2024010100_IT_webconnectivity.n1.0.jsonl.gz',
          linenum: 0,
          measurement_uid: '20240101000000.000000_IT_webconnectivity_0123456789abcdef',
          date: '2024-01-01',
          source: '',
          byte_offset: 0,
          byte_length: 1234,
        },
      ],
    ],
  })
  async insert(rows: JsonlRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: 'jsonl', values: rows, format: 'JSONEachRow' });
  }

  /**
   * Uids already indexed for one JSONL file, looked up through the sorting key (report_id)
   * so that it stays cheap on a large table. Used when resuming an interrupted insert.
   */
  @SqlExample({
    params: [
      'raw/20240101/00/IT/webconnectivity/2024010100_IT_webconnectivity.n1.0.jsonl.gz',
      ['20240101T000000Z_webconnectivity_IT_30722_n1_abcdefghijklmnop'],
    ],
  })
  async indexedUids(s3path: string, reportIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(reportIds)];
    for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
      const rs = await this.client.query({
        query: `SELECT measurement_uid FROM jsonl
                WHERE report_id IN {report_ids:Array(String)} AND s3path = {s3path:String}`,
        query_params: { report_ids: unique.slice(i, i + LOOKUP_CHUNK), s3path },
        format: 'JSONEachRow',
      });
      for (const row of await rs.json<{ measurement_uid: string }>()) found.add(row.measurement_uid);
    }
    return found;
  }

  /** Where one uploaded measurement is (byte_length 0: a file written without offsets). */
  @SqlExample({ params: ['20240101000000.000000_IT_webconnectivity_0123456789abcdef'] })
  async locate(measurementUid: string): Promise<JsonlLocation | undefined> {
    const rs = await this.client.query({
      query: `SELECT s3path, linenum, byte_offset, byte_length FROM jsonl FINAL
              WHERE measurement_uid = {uid:String} LIMIT 1`,
      query_params: { uid: measurementUid },
      format: 'JSONEachRow',
    });
    return (await rs.json<JsonlLocation>())[0];
  }
}
