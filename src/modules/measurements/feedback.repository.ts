import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';

export interface FeedbackCount {
  status: string;
  is_mine: number;
  cnt: number;
}

/** `msmt_feedback`: one row per (measurement, account); a new submission replaces the old one. */
@Injectable()
export class FeedbackRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  @SqlExample(
    { params: ['20240101000000.000000_IT_webconnectivity_0123456789abcdef', '0123456789abcdef0123456789abcdef'] },
    { params: ['20240101000000.000000_IT_webconnectivity_0123456789abcdef', null], name: 'anonymous' },
  )
  async counts(measurementUid: string, accountId: string | null): Promise<FeedbackCount[]> {
    const rs = await this.clickhouse.query({
      query: `SELECT status, account_id = {aid:String} AS is_mine, toUInt32(count()) AS cnt
              FROM msmt_feedback FINAL
              WHERE measurement_uid = {uid:String}
              GROUP BY status, is_mine`,
      query_params: { uid: measurementUid, aid: accountId ?? '' },
      format: 'JSONEachRow',
    });
    return rs.json<FeedbackCount>();
  }

  @SqlExample({
    params: [
      '20240101000000.000000_IT_webconnectivity_0123456789abcdef',
      '0123456789abcdef0123456789abcdef',
      'blocked.dns',
    ],
  })
  async upsert(measurementUid: string, accountId: string, status: string): Promise<void> {
    await this.clickhouse.insert({
      table: 'msmt_feedback',
      values: [{ measurement_uid: measurementUid, account_id: accountId, status, comment: '' }],
      format: 'JSONEachRow',
    });
  }
}
