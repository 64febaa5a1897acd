import { sqlJoin } from '../../common/clickhouse/sql-fragments';
import { AggregationQuery, Axis, TimeGrain } from '../aggregation/aggregation.types';
import { CountersSplit } from '../counters/counters-split';
import {
  AXIS_ALIAS,
  AXIS_SQL,
  buildAggregationSql,
  BuiltSql,
  citizenlabJoin,
  filterClauses,
  needsCategories,
  SqlOptions,
} from './aggregation.sql';
import { SPLIT_COUNTERS_DAYS_SQL, splitParams } from './counters.sql';

/*
 * MAT over the pre-aggregated counters: the clean days of a window from a counters table, every
 * other row from fastpath (the legacy query restricted to those rows), summed. Text again only
 * from the closed maps below and in aggregation.sql.ts.
 */

/** `fastpath_counters` has every MAT dimension but time below a day; the rollups only these. */
const COARSE_AXES: ReadonlySet<Axis> = new Set(['measurement_start_day', 'probe_cc', 'probe_asn', 'test_name']);
const COUNTRY_AXES: ReadonlySet<Axis> = new Set(['measurement_start_day', 'probe_cc', 'test_name']);

const COUNTERS_TABLE = {
  fine: 'fastpath_counters',
  coarse: 'fastpath_counters_coarse',
  country: 'fastpath_counters_country',
} as const;
export type CountersTable = keyof typeof COUNTERS_TABLE;

/** Time axis over the counters' `day`: the same values as on measurement_start_time. */
const DAY_GRAIN_SQL = {
  day: 'day',
  week: 'toStartOfWeek(day)',
  month: 'toStartOfMonth(day)',
  year: 'toStartOfYear(day)',
} as const satisfies Record<Exclude<TimeGrain, 'hour'>, string>;

const SUM_COUNTERS = [
  'sum(anomaly_count) AS anomaly_count',
  'sum(confirmed_count) AS confirmed_count',
  'sum(failure_count) AS failure_count',
  'sum(ok_count) AS ok_count',
  'sum(measurement_count) AS measurement_count',
].join(',\n       ');

/**
 * The counters table that answers a query exactly, or undefined: counters are per day and do not
 * know OONI Run links, so hourly grains and `ooni_run_link_id` filters read fastpath only.
 */
export function countersTableFor(q: AggregationQuery): CountersTable | undefined {
  if (q.ooniRunLinkIds.length > 0 || q.timeGrain === 'hour') return undefined;
  const coarse =
    q.domains.length === 0 &&
    q.input === undefined &&
    q.categoryCode === undefined &&
    q.axes.every((axis) => COARSE_AXES.has(axis));
  if (!coarse) return 'fine';
  return q.probeAsns.length === 0 && q.axes.every((axis) => COUNTRY_AXES.has(axis)) ? 'country' : 'coarse';
}

function countersPart(q: AggregationQuery, table: CountersTable, params: Record<string, unknown>): string {
  const where = [SPLIT_COUNTERS_DAYS_SQL, ...filterClauses(q, params, false)];
  const axisCols = q.axes.map((axis) => {
    const grain = q.timeGrain === undefined || q.timeGrain === 'hour' ? 'day' : q.timeGrain;
    const expr = axis === 'measurement_start_day' ? DAY_GRAIN_SQL[grain] : AXIS_SQL[axis];
    return `${expr} AS ${AXIS_ALIAS[axis]}`;
  });
  const aliases = q.axes.map((axis) => AXIS_ALIAS[axis]);
  const lines = [`SELECT ${sqlJoin([...axisCols, SUM_COUNTERS], ',\n       ')}`, `FROM ${COUNTERS_TABLE[table]}`];
  if (needsCategories(q)) lines.push(citizenlabJoin(q, params, 'counters'));
  lines.push(`WHERE ${sqlJoin(where, '\n  AND ')}`);
  if (aliases.length > 0) lines.push(`GROUP BY ${sqlJoin(aliases, ', ')}`);
  return sqlJoin(lines, '\n');
}

/**
 * The same answer as `buildAggregationSql(q)`, with the counters' days of `split` read from
 * `table`; fastpath is not read at all when the split leaves it no row (`split.raw` false).
 */
export function buildCountersAggregationSql(
  q: AggregationQuery,
  table: CountersTable,
  split: CountersSplit,
  opts: SqlOptions = {},
): BuiltSql {
  const aliases = q.axes.map((axis) => AXIS_ALIAS[axis]);
  if (!split.raw) {
    const params = splitParams(split);
    const lines = [countersPart(q, table, params)];
    if (aliases.length > 0) lines.push(`ORDER BY ${sqlJoin(aliases, ', ')}`);
    return { sql: sqlJoin(lines, '\n'), params };
  }
  const raw = buildAggregationSql(q, { ...opts, outside: split });
  const params: Record<string, unknown> = { ...raw.params };
  const counters = countersPart(q, table, params);
  const lines = [
    `SELECT ${sqlJoin([...aliases, SUM_COUNTERS], ',\n       ')}`,
    'FROM (',
    raw.sql,
    'UNION ALL',
    counters,
    ')',
  ];
  if (aliases.length > 0) lines.push(`GROUP BY ${sqlJoin(aliases, ', ')}`, `ORDER BY ${sqlJoin(aliases, ', ')}`);
  return { sql: sqlJoin(lines, '\n'), params };
}
