import { CountersSplit } from '../counters/counters-split';

/*
 * The days whose counters are up to date, as a subquery over the window `[{counters_first:Date},
 * {counters_end:Date})`: built, and not written to since (no mark at or after the build time). A
 * day without a build record is not clean, whatever the counters tables hold for it. Read into
 * memory (CleanDaysCache); queries get the split of their range as parameters (counters-split.ts).
 */
export const CLEAN_DAYS_SQL = `SELECT day FROM (
  SELECT day, built_at AS b, toDateTime64(0, 3) AS m FROM fastpath_counters_days
  WHERE day >= {counters_first:Date} AND day < {counters_end:Date}
  UNION ALL
  SELECT day, toDateTime64(0, 3) AS b, marked_at AS m FROM fastpath_dirty_days
  WHERE day >= {counters_first:Date} AND day < {counters_end:Date})
GROUP BY day
HAVING max(b) > max(m)`;

/** Counts of a counted source, as the Explorer statistics count (flags not exclusive). */
const RAW_COUNTS = `count() AS measurement_count, countIf(anomaly = 't') AS anomaly_flag_count,
         countIf(confirmed = 't') AS confirmed_flag_count, countIf(msm_failure = 't') AS failure_count`;
const STORED_COUNTS = 'measurement_count, anomaly_flag_count, confirmed_flag_count, failure_count';

/** Per day, network and test (`fastpath_counters_coarse`), or also per input (`fastpath_counters`). */
const COUNTED_COUNTERS = {
  coarse: `SELECT day, probe_cc, probe_asn, test_name, ${STORED_COUNTS} FROM fastpath_counters_coarse`,
  fine: `SELECT day, probe_cc, probe_asn, test_name, input, ${STORED_COUNTS} FROM fastpath_counters`,
} as const;
const COUNTED_RAW = {
  coarse: `SELECT toDate(measurement_start_time) AS day, probe_cc, probe_asn, test_name, ${RAW_COUNTS} FROM fastpath FINAL`,
  fine: `SELECT toDate(measurement_start_time) AS day, probe_cc, probe_asn, test_name, input, ${RAW_COUNTS} FROM fastpath FINAL`,
} as const;
const COUNTED_GROUP_BY = {
  coarse: 'GROUP BY day, probe_cc, probe_asn, test_name',
  fine: 'GROUP BY day, probe_cc, probe_asn, test_name, input',
} as const;
export type CountedLevel = keyof typeof COUNTED_COUNTERS;

/** Row filters of a counted source, over columns both sides have. */
const COUNTED_FILTER = {
  all: '1',
  country: 'probe_cc = {probe_cc:String}',
  country_test: 'probe_cc = {probe_cc:String} AND test_name = {test_name:String}',
  network_test: 'probe_cc = {probe_cc:String} AND probe_asn = {probe_asn:Int32} AND test_name = {test_name:String}',
} as const;
export type CountedFilter = keyof typeof COUNTED_FILTER;

/**
 * A FROM source with one row per day x network x test (x input) and its counts
 * (`measurement_count`, `anomaly_flag_count`, `confirmed_flag_count`, `failure_count`), over
 * `[{since:DateTime}, {until:DateTime})`: the days `[{counters_first:Date}, {counters_end:Date})`
 * but `{raw_days:Array(Date)}` from the counters, every other row from `fastpath FINAL`, both
 * filtered (parameters: a `CountedWindow`).
 */
export function countedSource(level: CountedLevel, filter: CountedFilter): string {
  return `(
  ${COUNTED_COUNTERS[level]}
  WHERE ${SPLIT_COUNTERS_DAYS_SQL} AND ${COUNTED_FILTER[filter]}
  UNION ALL
  ${COUNTED_RAW[level]}
  WHERE measurement_start_time >= {since:DateTime} AND measurement_start_time < {until:DateTime}
    AND ${SPLIT_OUTSIDE_SQL} AND ${COUNTED_FILTER[filter]}
  ${COUNTED_GROUP_BY[level]}
)`;
}

/*
 * A split known in advance (see counters-split.ts): the counters answer the days
 * `[{counters_first:Date}, {counters_end:Date})` but `{raw_days:Array(Date)}`, fastpath the rest.
 * The fastpath side is ranges and a positive day set, for the primary index as above.
 */
/**
 * The query parameters SPLIT_COUNTERS_DAYS_SQL and SPLIT_OUTSIDE_SQL name (a type alias, not an
 * interface, so that it passes as a query's `Record<string, unknown>` of parameters).
 */
export type SplitParams = {
  counters_first: string;
  counters_end: string;
  raw_days: string[];
};

/** The parameters of a split. */
export function splitParams(split: CountersSplit): SplitParams {
  return { counters_first: split.first, counters_end: split.end, raw_days: split.rawDays };
}
export const SPLIT_COUNTERS_DAYS_SQL = `day >= {counters_first:Date} AND day < {counters_end:Date}
  AND day NOT IN {raw_days:Array(Date)}`;
export const SPLIT_OUTSIDE_SQL = `(measurement_start_time < toDateTime({counters_first:Date})
       OR measurement_start_time >= toDateTime({counters_end:Date})
       OR toDate(measurement_start_time) IN {raw_days:Array(Date)})`;
