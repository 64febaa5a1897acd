import { Migration } from './migration';

const asnmetaColumns = `(
    asn UInt32,
    org_name String,
    cc String,
    changed Date,
    aut_name String,
    source String
)
ENGINE = MergeTree
ORDER BY (asn, changed)
SETTINGS index_granularity = 8192`;

function fingerprintsColumns(scopes: string): string {
  return `(
    name String,
    scope Enum8(${scopes}),
    other_names String,
    location_found String,
    pattern_type Enum8('full' = 1, 'prefix' = 2, 'contains' = 3, 'regexp' = 4),
    pattern String,
    confidence_no_fp UInt8,
    expected_countries String,
    source String,
    exp_url String,
    notes String
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY name`;
}

const dnsScopes = `'nat' = 1, 'isp' = 2, 'prod' = 3, 'inst' = 4, 'vbw' = 5, 'fp' = 6`;
const httpScopes = `${dnsScopes}, 'injb' = 7, 'prov' = 8`;

// Tables written by the analysis updaters; the *_tmp twins are filled then swapped in.
export const analysisMigration: Migration = {
  id: '0005_analysis',
  statements: [
    `CREATE TABLE IF NOT EXISTS asnmeta ${asnmetaColumns}`,
    `CREATE TABLE IF NOT EXISTS asnmeta_tmp ${asnmetaColumns}`,
    `CREATE TABLE IF NOT EXISTS fingerprints_dns ${fingerprintsColumns(dnsScopes)}`,
    `CREATE TABLE IF NOT EXISTS fingerprints_dns_tmp ${fingerprintsColumns(dnsScopes)}`,
    `CREATE TABLE IF NOT EXISTS fingerprints_http ${fingerprintsColumns(httpScopes)}`,
    `CREATE TABLE IF NOT EXISTS fingerprints_http_tmp ${fingerprintsColumns(httpScopes)}`,
    `CREATE TABLE IF NOT EXISTS test_helper_instances
(
    rdn String,
    dns_zone String,
    name String,
    provider String,
    region String,
    ipaddr IPv4,
    ipv6addr IPv6,
    draining_at Nullable(DateTime('UTC')),
    sign Int8,
    destroyed_at Nullable(DateTime('UTC'))
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY name
SETTINGS index_granularity = 8`,
    `CREATE TABLE IF NOT EXISTS blocking_events
(
    test_name String,
    input String,
    probe_cc String,
    probe_asn Int32,
    status String,
    time DateTime64(3),
    detection_time DateTime64(0) MATERIALIZED now64()
)
ENGINE = ReplacingMergeTree
ORDER BY (test_name, input, probe_cc, probe_asn, time)
SETTINGS index_granularity = 4`,
    `CREATE TABLE IF NOT EXISTS blocking_status
(
    test_name String,
    input String,
    probe_cc String,
    probe_asn Int32,
    confirmed_perc Float32,
    pure_anomaly_perc Float32,
    accessible_perc Float32,
    cnt Float32,
    status String,
    old_status String,
    change Float32,
    stability Float32,
    update_time DateTime64(0) MATERIALIZED now64()
)
ENGINE = ReplacingMergeTree
ORDER BY (test_name, input, probe_cc, probe_asn)
SETTINGS index_granularity = 4`,
  ],
};
