import { Migration } from './migration';

const citizenlabColumns = `(
    domain String,
    url String,
    cc FixedString(32),
    category_code String
)
ENGINE = ReplacingMergeTree
ORDER BY (domain, url, cc, category_code)
SETTINGS index_granularity = 4`;

// counters_* are fed by every insert into fastpath; the prioritization reads them.
export const testListsMigration: Migration = {
  id: '0002_test_lists',
  statements: [
    `CREATE TABLE IF NOT EXISTS citizenlab ${citizenlabColumns}`,
    // Written by the CitizenLab updater, then swapped in with EXCHANGE TABLES.
    `CREATE TABLE IF NOT EXISTS citizenlab_flip ${citizenlabColumns}`,
    `CREATE TABLE IF NOT EXISTS url_priorities
(
    sign Int8,
    category_code String,
    cc String,
    domain String,
    url String,
    priority Int32
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (category_code, cc, domain, url, priority)
SETTINGS index_granularity = 1024`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS counters_asn_test_list
(
    week DateTime,
    probe_cc String,
    probe_asn UInt64,
    input String,
    msmt_cnt UInt64
)
ENGINE = SummingMergeTree
ORDER BY (probe_cc, probe_asn, input)
SETTINGS index_granularity = 8192 AS
SELECT
    toStartOfWeek(measurement_start_time) AS week,
    probe_cc,
    probe_asn,
    input,
    count() AS msmt_cnt
FROM fastpath
INNER JOIN citizenlab ON fastpath.input = citizenlab.url
WHERE (measurement_start_time < now()) AND (measurement_start_time > (now() - toIntervalDay(8)))
    AND (test_name = 'web_connectivity')
GROUP BY week, probe_cc, probe_asn, input`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS counters_test_list
(
    day DateTime,
    probe_cc String,
    input String,
    msmt_cnt UInt64
)
ENGINE = SummingMergeTree
PARTITION BY day
ORDER BY (probe_cc, input)
SETTINGS index_granularity = 8192 AS
SELECT
    toDate(measurement_start_time) AS day,
    probe_cc,
    input,
    count() AS msmt_cnt
FROM fastpath
INNER JOIN citizenlab ON fastpath.input = citizenlab.url
WHERE (measurement_start_time < now()) AND (measurement_start_time > (now() - toIntervalDay(8)))
    AND (test_name = 'web_connectivity')
GROUP BY day, probe_cc, input`,
  ],
};
