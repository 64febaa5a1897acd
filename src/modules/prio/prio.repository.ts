import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { normalizeCc } from './prio.ranking';
import { CitizenlabEntry, PrioRule } from './prio.types';

export interface UrlPriorityRow extends PrioRule {
  sign: 1 | -1;
}

interface CounterRow {
  input: string;
  msmt_cnt: number;
}

/** SQL of the prioritization: `citizenlab`, `url_priorities` and `counters_asn_test_list`. */
@Injectable()
export class PrioRepository {
  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  private async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  /** Every CitizenLab URL. `cc` is a padded FixedString: toString drops the padding. */
  @SqlExample({ params: [] })
  async fetchCitizenlab(): Promise<CitizenlabEntry[]> {
    const rows = await this.rows<CitizenlabEntry>(
      'SELECT domain, url, toString(cc) AS cc, category_code FROM citizenlab',
    );
    for (const row of rows) row.cc = normalizeCc(row.cc);
    return rows;
  }

  @SqlExample({ params: [] })
  async countCitizenlab(): Promise<number> {
    const [row] = await this.rows<{ n: number }>('SELECT count() AS n FROM citizenlab');
    return row?.n ?? 0;
  }

  @SqlExample({ params: [[{ domain: 'example.org', url: 'https://example.org/', cc: 'IT', category_code: 'NEWS' }]] })
  async insertCitizenlab(rows: readonly CitizenlabEntry[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: 'citizenlab', values: rows, format: 'JSONEachRow' });
  }

  /**
   * The live rules. url_priorities is a CollapsingMergeTree: an edit writes a -1 row for the old
   * rule and a +1 row for the new one, and merges happen whenever. Summing the signs gives the
   * current state whatever has been merged (legacy read the raw rows and counted deleted rules).
   */
  @SqlExample({ params: [] })
  async fetchRules(): Promise<PrioRule[]> {
    return this.rows<PrioRule>(
      `SELECT category_code, cc, domain, url, priority
       FROM url_priorities
       GROUP BY category_code, cc, domain, url, priority
       HAVING sum(sign) > 0
       ORDER BY category_code, cc, domain, url, priority`,
    );
  }

  @SqlExample({ params: [] })
  async countRuleRows(): Promise<number> {
    const [row] = await this.rows<{ n: number }>('SELECT count() AS n FROM url_priorities');
    return row?.n ?? 0;
  }

  /** Live rules with the same match fields (category_code, cc, domain, url), any priority. */
  @SqlExample({ params: [{ category_code: 'NEWS', cc: 'IT', domain: '*', url: '*' }] })
  async findRules(rule: Omit<PrioRule, 'priority'>): Promise<PrioRule[]> {
    return this.rows<PrioRule>(
      `SELECT category_code, cc, domain, url, priority
       FROM url_priorities
       WHERE category_code = {category_code:String} AND cc = {cc:String}
         AND domain = {domain:String} AND url = {url:String}
       GROUP BY category_code, cc, domain, url, priority
       HAVING sum(sign) > 0`,
      { category_code: rule.category_code, cc: rule.cc, domain: rule.domain, url: rule.url },
    );
  }

  /** Appends rule rows: sign -1 cancels a rule, +1 creates one. One insert, so both land together. */
  @SqlExample({ params: [[{ ...{ category_code: 'NEWS', cc: 'IT', domain: '*', url: '*', priority: 100 }, sign: 1 }]] })
  async insertRuleRows(rows: readonly UrlPriorityRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: 'url_priorities', values: rows, format: 'JSONEachRow' });
  }

  /**
   * Measurements per URL from one country (and network unless `probeAsn` is 0) in the current
   * and the previous week: the feedback of the prioritization. The table is ordered by
   * (probe_cc, probe_asn, input), so this reads one small key range.
   */
  @SqlExample({ params: ['IT', 30722] }, { params: ['IT', 0], name: 'any network' })
  async fetchMeasurementCounts(probeCc: string, probeAsn: number): Promise<Map<string, number>> {
    const rows = await this.rows<CounterRow>(
      `SELECT input, sum(msmt_cnt) AS msmt_cnt
       FROM counters_asn_test_list
       WHERE probe_cc = {probe_cc:String}
         AND week >= toDateTime(toStartOfWeek(now() - INTERVAL 1 WEEK))
         AND ({probe_asn:UInt64} = 0 OR probe_asn = {probe_asn:UInt64})
       GROUP BY input`,
      { probe_cc: probeCc, probe_asn: probeAsn },
    );
    return new Map(rows.map((r) => [r.input, Number(r.msmt_cnt)]));
  }
}
