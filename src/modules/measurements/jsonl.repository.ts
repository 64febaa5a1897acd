import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { JsonlLocation } from './measurements.types';

/** The `jsonl` index: where each uploaded measurement sits in the data bucket. */
@Injectable()
export class JsonlRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  @SqlExample({ params: ['20240101000000.000000_IT_webconnectivity_0123456789abcdef'] })
  async locate(measurementUid: string): Promise<JsonlLocation | undefined> {
    const rs = await this.clickhouse.query({
      query: `SELECT s3path, linenum, byte_offset, byte_length FROM jsonl FINAL
              WHERE measurement_uid = {uid:String} LIMIT 1`,
      query_params: { uid: measurementUid },
      format: 'JSONEachRow',
    });
    return (await rs.json<JsonlLocation>())[0];
  }
}
