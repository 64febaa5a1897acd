import { Migration } from './migration';

/*
 * Exact pre-aggregated counters of `fastpath` (issue #12 item 2), see README "Pre-aggregated
 * counters". `fastpath_counters` holds one row per day x network x test x domain x input x
 * blocking_type, `fastpath_counters_coarse` its rollup without the last three (for queries that
 * neither filter nor group on them), `fastpath_counters_country` without the network either. Both are partitioned by month and replaced one partition at a
 * time from their `_staging` twins (REPLACE PARTITION), so a rebuild is never partially visible.
 *
 * The first five counts are MAT's (mutually exclusive); the `*_flag_count`s count rows whose flag
 * is set whatever the others (the Explorer statistics' anomaly and confirmed counts).
 *
 * `fastpath_dirty_days` records, for every insert into `fastpath` by any process (API, feeder,
 * reprocessor, plain SQL), the days it touched: a materialized view, so no writer can forget it.
 * `fastpath_counters_days` records when each day's counters were computed; a day's counters are
 * used only while no insert has touched the day since.
 */
const COUNTER_COLUMNS = `
    measurement_count UInt64,
    anomaly_count UInt64,
    confirmed_count UInt64,
    failure_count UInt64,
    ok_count UInt64,
    anomaly_flag_count UInt64,
    confirmed_flag_count UInt64`;

const FINE_TABLE = `CREATE TABLE IF NOT EXISTS fastpath_counters
(
    day Date,
    probe_cc LowCardinality(String),
    probe_asn Int32,
    test_name LowCardinality(String),
    domain String,
    input String,
    blocking_type LowCardinality(String),${COUNTER_COLUMNS}
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (test_name, probe_cc, day, probe_asn, domain, input, blocking_type)`;

const COARSE_TABLE = `CREATE TABLE IF NOT EXISTS fastpath_counters_coarse
(
    day Date,
    probe_cc LowCardinality(String),
    probe_asn Int32,
    test_name LowCardinality(String),${COUNTER_COLUMNS}
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (test_name, probe_cc, day, probe_asn)`;

const COUNTRY_TABLE = `CREATE TABLE IF NOT EXISTS fastpath_counters_country
(
    day Date,
    probe_cc LowCardinality(String),
    test_name LowCardinality(String),${COUNTER_COLUMNS}
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (test_name, probe_cc, day)`;

export const fastpathCountersMigration: Migration = {
  id: '0012_fastpath_counters',
  statements: [
    FINE_TABLE,
    'CREATE TABLE IF NOT EXISTS fastpath_counters_staging AS fastpath_counters',
    COARSE_TABLE,
    'CREATE TABLE IF NOT EXISTS fastpath_counters_coarse_staging AS fastpath_counters_coarse',
    COUNTRY_TABLE,
    'CREATE TABLE IF NOT EXISTS fastpath_counters_country_staging AS fastpath_counters_country',
    `CREATE TABLE IF NOT EXISTS fastpath_dirty_days
(
    day Date,
    marked_at DateTime64(3)
)
ENGINE = ReplacingMergeTree(marked_at)
ORDER BY day`,
    `CREATE TABLE IF NOT EXISTS fastpath_counters_days
(
    day Date,
    built_at DateTime64(3)
)
ENGINE = ReplacingMergeTree(built_at)
ORDER BY day`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS fastpath_dirty_days_mv TO fastpath_dirty_days AS
SELECT toDate(measurement_start_time) AS day, max(now64(3)) AS marked_at
FROM fastpath
GROUP BY day`,
    // Rows written before this migration: every day they cover is to be built.
    `INSERT INTO fastpath_dirty_days (day, marked_at)
SELECT toDate(measurement_start_time) AS day, now64(3) FROM fastpath GROUP BY day`,
  ],
};
