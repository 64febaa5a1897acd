import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';

/** `fastpath` by uid: which measurements already have a row (the fastpath family's uid lookup). */
@Injectable()
export class ScoredUidsReader {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  /** Those of `uids` that have a fastpath row (the measurement_uid minmax index keeps it cheap for recent uids). */
  @SqlExample({ params: [['20240101120000.123456_IT_webconnectivity_0123456789abcdef']] })
  async scored(uids: string[]): Promise<Set<string>> {
    if (uids.length === 0) return new Set();
    const rs = await this.clickhouse.query({
      query: 'SELECT DISTINCT measurement_uid FROM fastpath WHERE measurement_uid IN {uids:Array(String)}',
      query_params: { uids },
      format: 'JSONEachRow',
    });
    return new Set((await rs.json<{ measurement_uid: string }>()).map((r) => r.measurement_uid));
  }
}
