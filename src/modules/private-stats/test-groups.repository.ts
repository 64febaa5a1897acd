import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';

/** The test name → test group mapping (`test_groups`, a Join table seeded by the migrations). */
@Injectable()
export class TestGroupsRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  @SqlExample({ params: [] })
  async groupNames(): Promise<string[]> {
    const rs = await this.clickhouse.query({
      query: 'SELECT DISTINCT test_group FROM test_groups ORDER BY test_group',
      format: 'JSONEachRow',
    });
    return (await rs.json<{ test_group: string }>()).map((r) => r.test_group);
  }
}
