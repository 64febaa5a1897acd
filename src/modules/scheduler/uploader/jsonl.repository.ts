import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../../common/clickhouse/clickhouse.constants';

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

/** Report ids per lookup: keeps query parameters small (they travel in the URL). */
const LOOKUP_CHUNK = 200;

/** The `jsonl` table: where each measurement body lies in the data bucket. */
@Injectable()
export class JsonlRepository {
  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  async insert(rows: JsonlRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: 'jsonl', values: rows, format: 'JSONEachRow' });
  }

  /**
   * Uids already indexed for one JSONL file, looked up through the sorting key (report_id)
   * so that it stays cheap on a large table. Used when resuming an interrupted insert.
   */
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
}
