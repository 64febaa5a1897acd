/*
 * The days whose counters are up to date, as a subquery over the window `[{counters_first:Date},
 * {counters_end:Date})`: built, and not written to since (no mark at or after the build time). A
 * day without a build record is not clean, whatever the counters tables hold for it. A query reads
 * `day IN (CLEAN_DAYS_SQL)` from a counters table and OUTSIDE_CLEAN_DAYS_SQL from fastpath.
 */
export const CLEAN_DAYS_SQL = `SELECT s.day
FROM (SELECT day, max(built_at) AS b FROM fastpath_counters_days
      WHERE day >= {counters_first:Date} AND day < {counters_end:Date} GROUP BY day) AS s
LEFT JOIN (SELECT day, max(marked_at) AS m FROM fastpath_dirty_days
      WHERE day >= {counters_first:Date} AND day < {counters_end:Date} GROUP BY day) AS d
  ON d.day = s.day
WHERE d.m < s.b`;

/**
 * The fastpath rows the counters do not answer: outside the window, or on a day of the window that
 * is not clean. Written as ranges and a positive day set (not `NOT IN` clean days) so that the
 * primary index skips every granule of the clean days, also granules that straddle two of them.
 */
export const OUTSIDE_CLEAN_DAYS_SQL = `(measurement_start_time < toDateTime({counters_first:Date})
       OR measurement_start_time >= toDateTime({counters_end:Date})
       OR toDate(measurement_start_time) IN (
         SELECT window_day FROM (
           SELECT arrayJoin(arrayMap(i -> addDays({counters_first:Date}, i),
                  range(toUInt32(dateDiff('day', {counters_first:Date}, {counters_end:Date}))))) AS window_day)
         WHERE window_day NOT IN (${CLEAN_DAYS_SQL})))`;
