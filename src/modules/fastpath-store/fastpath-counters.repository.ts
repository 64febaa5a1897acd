import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { CLEAN_DAYS_SQL } from './counters.sql';

/*
 * The MAT counters of one group of rows, mutually exclusive as in /api/v1/aggregation: a failure
 * is only a failure, a confirmed measurement is not also an anomaly.
 */
const COUNT_ROWS = `count() AS measurement_count,
       countIf(anomaly = 't' AND confirmed != 't' AND msm_failure != 't') AS anomaly_count,
       countIf(confirmed = 't' AND msm_failure != 't') AS confirmed_count,
       countIf(msm_failure = 't') AS failure_count,
       countIf(anomaly != 't' AND confirmed != 't' AND msm_failure != 't') AS ok_count,
       countIf(anomaly = 't') AS anomaly_flag_count,
       countIf(confirmed = 't') AS confirmed_flag_count`;

const SUM_COUNTERS = `sum(measurement_count) AS measurement_count, sum(anomaly_count) AS anomaly_count,
       sum(confirmed_count) AS confirmed_count, sum(failure_count) AS failure_count, sum(ok_count) AS ok_count,
       sum(anomaly_flag_count) AS anomaly_flag_count, sum(confirmed_flag_count) AS confirmed_flag_count`;

const COUNTER_COLUMNS =
  'measurement_count, anomaly_count, confirmed_count, failure_count, ok_count, anomaly_flag_count, confirmed_flag_count';

const FINE_KEY = 'day, probe_cc, probe_asn, test_name, domain, input, blocking_type';

/** The days of one month partition being rebuilt. */
export interface MonthRebuild {
  /** `YYYYMM`. */
  month: number;
  /** Days of that month to compute again from `fastpath FINAL`; the others are kept as they are. */
  days: string[];
  /** `YYYY-MM-DD 00:00:00` bounds of the month (index range on fastpath). */
  from: string;
  to: string;
}

/** The `fastpath_counters` family: counters, their rollup, staging twins and the day bookkeeping. */
@Injectable()
export class FastpathCountersRepository {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient) {}

  private async rows<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    const rs = await this.clickhouse.query({ query, query_params: params, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  /** The database clock minus `marginS`: the build time recorded for counters computed from now on. */
  @SqlExample({ params: [600] })
  async buildTime(marginS: number): Promise<string> {
    const [row] = await this.rows<{ t: string }>('SELECT toString(now64(3) - toIntervalSecond({margin:UInt32})) AS t', {
      margin: marginS,
    });
    return row.t;
  }

  /** Days before `cutoff` written to since their counters were built (or never built), newest first. */
  @SqlExample({ params: ['2024-01-30'] })
  async staleDays(cutoff: string): Promise<string[]> {
    const rows = await this.rows<{ day: string }>(
      `SELECT toString(d.day) AS day
FROM (SELECT day, max(marked_at) AS m FROM fastpath_dirty_days WHERE day < {cutoff:Date} GROUP BY day) AS d
LEFT JOIN (SELECT day, max(built_at) AS b FROM fastpath_counters_days WHERE day < {cutoff:Date} GROUP BY day) AS s
  ON s.day = d.day
WHERE d.m >= s.b
ORDER BY d.day DESC`,
      { cutoff },
    );
    return rows.map((r) => r.day);
  }

  /** Days of `[first, end)` whose counters are up to date (see CLEAN_DAYS_SQL). */
  @SqlExample({ params: ['2024-01-01', '2024-02-01'] })
  async cleanDays(first: string, end: string): Promise<string[]> {
    const rows = await this.rows<{ day: string }>(`SELECT toString(day) AS day FROM (${CLEAN_DAYS_SQL}) ORDER BY day`, {
      counters_first: first,
      counters_end: end,
    });
    return rows.map((r) => r.day);
  }

  /**
   * Rebuilds one month partition of the counters tables: the staging twins get the month's kept
   * days copied and the rebuilt days computed from `fastpath FINAL`, then REPLACE PARTITION swaps
   * each in at once. Returns the rows of the rebuilt days.
   */
  @SqlExample({
    params: [{ month: 202401, days: ['2024-01-05'], from: '2024-01-01 00:00:00', to: '2024-02-01 00:00:00' }],
  })
  async rebuildMonth(r: MonthRebuild): Promise<number> {
    const params = { month: r.month, days: r.days, from: r.from, to: r.to };
    const run = (query: string): Promise<unknown> =>
      this.clickhouse.command({ query, query_params: params, clickhouse_settings: { max_execution_time: 0 } });
    await run('TRUNCATE TABLE fastpath_counters_staging');
    await run('TRUNCATE TABLE fastpath_counters_coarse_staging');
    await run('TRUNCATE TABLE fastpath_counters_country_staging');
    await run(`INSERT INTO fastpath_counters_staging
SELECT ${FINE_KEY}, ${COUNTER_COLUMNS}
FROM fastpath_counters
WHERE toYYYYMM(day) = {month:UInt32} AND day NOT IN {days:Array(Date)}`);
    await run(`INSERT INTO fastpath_counters_staging
SELECT toDate(measurement_start_time) AS day, probe_cc, probe_asn, test_name, domain, input, blocking_type,
       ${COUNT_ROWS}
FROM fastpath FINAL
WHERE measurement_start_time >= {from:DateTime} AND measurement_start_time < {to:DateTime}
  AND toDate(measurement_start_time) IN {days:Array(Date)}
GROUP BY ${FINE_KEY}`);
    await run(`INSERT INTO fastpath_counters_coarse_staging
SELECT day, probe_cc, probe_asn, test_name, ${SUM_COUNTERS}
FROM fastpath_counters_staging
GROUP BY day, probe_cc, probe_asn, test_name`);
    await run(`INSERT INTO fastpath_counters_country_staging
SELECT day, probe_cc, test_name, ${SUM_COUNTERS}
FROM fastpath_counters_coarse_staging
GROUP BY day, probe_cc, test_name`);
    const [row] = await this.rows<{ kept: string; rebuilt: string }>(
      `SELECT count() AS kept, countIf(day IN {days:Array(Date)}) AS rebuilt FROM fastpath_counters_staging`,
      params,
    );
    if (Number(row.kept) === 0) {
      // An empty source is refused by REPLACE PARTITION (newer servers): the month has no rows left.
      await run('ALTER TABLE fastpath_counters DROP PARTITION {month:UInt32}');
      await run('ALTER TABLE fastpath_counters_coarse DROP PARTITION {month:UInt32}');
      await run('ALTER TABLE fastpath_counters_country DROP PARTITION {month:UInt32}');
      return 0;
    }
    await run('ALTER TABLE fastpath_counters REPLACE PARTITION {month:UInt32} FROM fastpath_counters_staging');
    await run(
      'ALTER TABLE fastpath_counters_coarse REPLACE PARTITION {month:UInt32} FROM fastpath_counters_coarse_staging',
    );
    await run(
      'ALTER TABLE fastpath_counters_country REPLACE PARTITION {month:UInt32} FROM fastpath_counters_country_staging',
    );
    return Number(row.rebuilt);
  }

  /** Records that the counters of `days` are those of `fastpath` as of `builtAt`. */
  @SqlExample({ params: [['2024-01-05'], '2024-01-06 10:00:00.000'] })
  async markBuilt(days: string[], builtAt: string): Promise<void> {
    await this.clickhouse.command({
      query: `INSERT INTO fastpath_counters_days (day, built_at)
SELECT arrayJoin({days:Array(Date)}) AS day, {built_at:DateTime64(3)} AS built_at`,
      query_params: { days, built_at: builtAt },
    });
  }
}
