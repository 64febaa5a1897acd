import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';

/** The CitizenLab category of a measured URL (`citizenlab`), for measurement metadata. */
@Injectable()
export class UrlCategoryRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  @SqlExample({ params: ['https://example.org/'] })
  async categoryOf(url: string): Promise<string | null> {
    const rs = await this.clickhouse.query({
      query: 'SELECT category_code FROM citizenlab WHERE url = {url:String} LIMIT 1',
      query_params: { url },
      format: 'JSONEachRow',
    });
    const rows = await rs.json<{ category_code: string }>();
    return rows.length > 0 ? rows[0].category_code : null;
  }
}
