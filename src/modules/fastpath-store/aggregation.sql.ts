import { sqlJoin } from '../../common/clickhouse/sql-fragments';
import { AggregationQuery, Axis, TimeGrain, TorsfQuery } from '../aggregation/aggregation.types';
import { CountersSplit } from '../counters/counters-split';
import { SPLIT_OUTSIDE_SQL, splitParams } from './counters.sql';

/*
 * SQL text is assembled only from the constant fragments below, picked by validated enum keys;
 * every value travels as a `{name:Type}` query parameter.
 */

/** Group-by expression of each non-time axis; `cl` is the CitizenLab join. Counters tables use the same names. */
export const AXIS_SQL = {
  // The fastpath stores scores.analysis.blocking_type in this column: no JSON parsing per row.
  blocking_type: 'blocking_type',
  category_code: 'cl.category_code',
  domain: 'domain',
  input: 'input',
  probe_asn: 'probe_asn',
  probe_cc: 'probe_cc',
  test_name: 'test_name',
} as const satisfies Record<Exclude<Axis, 'measurement_start_day'>, string>;

const TIME_GRAIN_SQL = {
  hour: 'toStartOfHour(measurement_start_time)',
  day: 'toDate(measurement_start_time)',
  week: 'toStartOfWeek(measurement_start_time)',
  month: 'toStartOfMonth(measurement_start_time)',
  year: 'toStartOfYear(measurement_start_time)',
} as const satisfies Record<TimeGrain, string>;

/** The alias of each axis in the result: the axis name itself, from the closed list. */
export const AXIS_ALIAS = {
  blocking_type: 'blocking_type',
  category_code: 'category_code',
  domain: 'domain',
  input: 'input',
  measurement_start_day: 'measurement_start_day',
  probe_asn: 'probe_asn',
  probe_cc: 'probe_cc',
  test_name: 'test_name',
} as const satisfies Record<Axis, string>;

/*
 * Legacy counters, mutually exclusive so that they sum to measurement_count: a failure is only a
 * failure, a confirmed measurement is not also an anomaly. "Not 't'" rather than "= 'f'" keeps a
 * row with an unexpected flag value in ok_count instead of in no counter at all.
 */
const COUNTERS_SQL = [
  "countIf(anomaly = 't' AND confirmed != 't' AND msm_failure != 't') AS anomaly_count",
  "countIf(confirmed = 't' AND msm_failure != 't') AS confirmed_count",
  "countIf(msm_failure = 't') AS failure_count",
  "countIf(anomaly != 't' AND confirmed != 't' AND msm_failure != 't') AS ok_count",
  'count() AS measurement_count',
].join(',\n       ');

/** FINAL collapses ReplacingMergeTree duplicates (reprocessed measurements) not merged yet. */
const FROM_FASTPATH = { final: 'fastpath FINAL', plain: 'fastpath' } as const;

export interface BuiltSql {
  sql: string;
  params: Record<string, unknown>;
}

export interface SqlOptions {
  /** Deduplicate with FINAL (default); off only to measure its cost. */
  final?: boolean;
  /** Only the rows the counters do not answer in this split. */
  outside?: CountersSplit;
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC, the form fastpath rows are written in. */
export function chDateTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** measurement_start_time has second precision: `t >= x.5` is `t >= ceil(x)`, `t < x.5` is `t < ceil(x)`. */
const ceilSecond = (d: Date): Date => new Date(Math.ceil(d.getTime() / 1000) * 1000);
const floorSecond = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** The `since`/`until` bounds as the query applies them (whole seconds). */
export function queryBounds(q: AggregationQuery): { since?: Date; until?: Date } {
  return { since: q.since && ceilSecond(q.since), until: q.until && ceilSecond(q.until) };
}

/**
 * The measurement filters as WHERE clauses; their values go into `params`. Without `time` the
 * since/until bounds are left out (the counters part selects its days by itself).
 */
export function filterClauses(q: AggregationQuery, params: Record<string, unknown>, time = true): string[] {
  const where: string[] = [];
  const add = (clause: string, name: string, value: unknown): void => {
    where.push(clause);
    params[name] = value;
  };
  if (q.domains.length > 0) add('domain IN {domains:Array(String)}', 'domains', q.domains);
  if (q.input !== undefined) add('input = {input:String}', 'input', q.input);
  if (q.probeCcs.length > 0) add('probe_cc IN {probe_ccs:Array(String)}', 'probe_ccs', q.probeCcs);
  if (q.probeAsns.length > 0) add('probe_asn IN {probe_asns:Array(Int32)}', 'probe_asns', q.probeAsns);
  if (q.ooniRunLinkIds.length > 0) {
    add('toString(ooni_run_link_id) IN {ooni_run_link_ids:Array(String)}', 'ooni_run_link_ids', q.ooniRunLinkIds);
  }
  if (time && q.since) add('measurement_start_time >= {since:DateTime}', 'since', chDateTime(ceilSecond(q.since)));
  if (time && q.until) add('measurement_start_time < {until:DateTime}', 'until', chDateTime(ceilSecond(q.until)));
  if (q.testNames.length > 0) add('test_name IN {test_names:Array(String)}', 'test_names', q.testNames);
  return where;
}

/** The `input` column the CitizenLab join matches, per table read. */
const JOIN_INPUT = { fastpath: 'fastpath.input', counters: 'fastpath_counters.input' } as const;

/**
 * The CitizenLab join for categories: one row per (url, category_code) of the global list and of
 * the requested countries' lists, so a URL listed in several lists does not count several times.
 */
export function citizenlabJoin(
  q: AggregationQuery,
  params: Record<string, unknown>,
  table: keyof typeof JOIN_INPUT = 'fastpath',
): string {
  const clWhere = [
    q.probeCcs.length > 0 ? "(cl_src.cc = 'ZZ' OR cl_src.cc IN {lccs:Array(String)})" : "(cl_src.cc = 'ZZ')",
  ];
  if (q.probeCcs.length > 0) params.lccs = q.probeCcs.map((cc) => cc.toLowerCase());
  if (q.categoryCode !== undefined) {
    clWhere.push('cl_src.category_code = {category_code:String}');
    params.category_code = q.categoryCode;
  }
  return `  INNER JOIN (SELECT DISTINCT url, category_code FROM citizenlab AS cl_src WHERE ${sqlJoin(clWhere, ' AND ')}) AS cl ON cl.url = ${JOIN_INPUT[table]}`;
}

export const needsCategories = (q: AggregationQuery): boolean =>
  q.categoryCode !== undefined || q.axes.includes('category_code');

export function buildAggregationSql(q: AggregationQuery, opts: SqlOptions = {}): BuiltSql {
  const params: Record<string, unknown> = {};
  const where = filterClauses(q, params);
  if (opts.outside) {
    where.push(SPLIT_OUTSIDE_SQL);
    Object.assign(params, splitParams(opts.outside));
  }
  const axisCols = q.axes.map((axis) => {
    const expr = axis === 'measurement_start_day' ? TIME_GRAIN_SQL[q.timeGrain ?? 'day'] : AXIS_SQL[axis];
    return `${expr} AS ${AXIS_ALIAS[axis]}`;
  });
  const aliases = q.axes.map((axis) => AXIS_ALIAS[axis]);
  const lines = [
    `SELECT ${sqlJoin([...axisCols, COUNTERS_SQL], ',\n       ')}`,
    `FROM ${FROM_FASTPATH[opts.final === false ? 'plain' : 'final']}`,
  ];
  if (needsCategories(q)) lines.push(citizenlabJoin(q, params));
  if (where.length > 0) lines.push(`WHERE ${sqlJoin(where, '\n  AND ')}`);
  if (aliases.length > 0) lines.push(`GROUP BY ${sqlJoin(aliases, ', ')}`, `ORDER BY ${sqlJoin(aliases, ', ')}`);
  return { sql: sqlJoin(lines, '\n'), params };
}

/**
 * Legacy `get_torsf_stats`: torsf measurements per day and country. Legacy bounds are the other way
 * round from the aggregation: since exclusive, until inclusive.
 */
export function buildTorsfSql(q: TorsfQuery, opts: SqlOptions = {}): BuiltSql {
  const where = ["test_name = 'torsf'"];
  const params: Record<string, unknown> = {};
  if (q.probeCc !== undefined) {
    where.push('probe_cc = {probe_cc:String}');
    params.probe_cc = q.probeCc;
  }
  if (q.since) {
    where.push('measurement_start_time > {since:DateTime}');
    params.since = chDateTime(floorSecond(q.since));
  }
  if (q.until) {
    where.push('measurement_start_time <= {until:DateTime}');
    params.until = chDateTime(floorSecond(q.until));
  }
  const sql = [
    'SELECT toDate(measurement_start_time) AS measurement_start_day, probe_cc,',
    "       countIf(anomaly = 't') AS anomaly_count,",
    "       countIf(confirmed = 't') AS confirmed_count,",
    "       countIf(msm_failure = 't') AS failure_count,",
    '       count() AS measurement_count',
    `FROM ${FROM_FASTPATH[opts.final === false ? 'plain' : 'final']}`,
    `WHERE ${sqlJoin(where, ' AND ')}`,
    'GROUP BY measurement_start_day, probe_cc',
    'ORDER BY measurement_start_day, probe_cc',
  ];
  return { sql: sqlJoin(sql, '\n'), params };
}
