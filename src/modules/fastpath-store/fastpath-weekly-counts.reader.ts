import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { normalizeCc } from '../prio/prio.ranking';
import { CitizenlabEntry } from '../prio/prio.types';

export interface FastpathCountRow extends CitizenlabEntry {
  msmt_cnt: number;
  anomaly_perc: number;
}

/** Last week's `fastpath` measurements per CitizenLab URL and country (the prioritization's feedback). */
@Injectable()
export class FastpathWeeklyCountsReader {
  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  /** Legacy show_countries_prioritization: every CitizenLab URL with last week's counts in its country. */
  @SqlExample({ params: [] })
  async fetchCitizenlabWithWeeklyCounts(): Promise<FastpathCountRow[]> {
    const rs = await this.client.query({
      query: `SELECT domain, url, toString(citizenlab.cc) AS cc, category_code,
              toUInt64(ifNull(x.msmt_cnt, 0)) AS msmt_cnt, toInt64(ifNull(x.anomaly_perc, 0)) AS anomaly_perc
       FROM citizenlab
       LEFT JOIN (
           SELECT input, probe_cc, count() AS msmt_cnt,
                  toInt8(countIf(anomaly = 't') / count() * 100) AS anomaly_perc
           FROM fastpath
           WHERE measurement_start_time > now() - INTERVAL 1 WEEK AND measurement_start_time < now()
           GROUP BY input, probe_cc
       ) AS x ON x.input = citizenlab.url AND x.probe_cc = upper(toString(citizenlab.cc))`,
      query_params: {},
      format: 'JSONEachRow',
    });
    const rows = await rs.json<FastpathCountRow>();
    for (const row of rows) row.cc = normalizeCc(row.cc);
    return rows;
  }
}
