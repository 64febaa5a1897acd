import { Migration } from './migration';

// Schemas follow the backend manual, section "ClickHouse".
export const measurementsMigration: Migration = {
  id: '0001_measurements',
  statements: [
    `CREATE TABLE IF NOT EXISTS fastpath
(
    measurement_uid String,
    report_id String,
    input String,
    probe_cc LowCardinality(String),
    probe_asn Int32,
    test_name LowCardinality(String),
    test_start_time DateTime,
    measurement_start_time DateTime,
    filename String,
    scores String,
    platform String,
    anomaly String,
    confirmed String,
    msm_failure String,
    domain String,
    software_name String,
    software_version String,
    control_failure String,
    blocking_general Float32,
    is_ssl_expected Int8,
    page_len Int32,
    page_len_ratio Float32,
    server_cc String,
    server_asn Int8,
    server_as_name String,
    update_time DateTime64(3) MATERIALIZED now64(),
    test_version String,
    architecture String,
    engine_name LowCardinality(String),
    engine_version String,
    test_runtime Float32,
    blocking_type String,
    test_helper_address LowCardinality(String),
    test_helper_type LowCardinality(String),
    INDEX fastpath_rid_idx report_id TYPE minmax GRANULARITY 1,
    INDEX measurement_uid_idx measurement_uid TYPE minmax GRANULARITY 8
)
ENGINE = ReplacingMergeTree(update_time)
ORDER BY (measurement_start_time, report_id, input, measurement_uid)
SETTINGS index_granularity = 8192`,
    `CREATE TABLE IF NOT EXISTS jsonl
(
    report_id String,
    input String,
    s3path String,
    linenum Int32,
    measurement_uid String,
    date Date,
    source String,
    update_time DateTime64(3) MATERIALIZED now64()
)
ENGINE = ReplacingMergeTree(update_time)
ORDER BY (report_id, input, measurement_uid)
SETTINGS index_granularity = 8192`,
    `CREATE TABLE IF NOT EXISTS obs_openvpn
(
    anomaly Int8,
    bootstrap_time Float32,
    confirmed Int8,
    error String,
    failure String,
    input String,
    last_handshake_transaction_id Int32,
    measurement_start_time DateTime,
    measurement_uid String,
    minivpn_version String,
    obfs4_version String,
    obfuscation String,
    platform String,
    probe_asn Int32,
    probe_cc String,
    probe_network_name String,
    provider String,
    remote String,
    report_id String,
    resolver_asn Int32,
    resolver_ip String,
    resolver_network_name String,
    software_name String,
    software_version String,
    success Int8,
    success_handshake Int8,
    success_icmp Int8,
    success_urlgrab Int8,
    tcp_connect_status_success Int8,
    test_runtime Float32,
    test_start_time DateTime,
    transport String
)
ENGINE = ReplacingMergeTree
ORDER BY (measurement_start_time, report_id, input)
SETTINGS index_granularity = 8`,
    `CREATE TABLE IF NOT EXISTS msmt_feedback
(
    measurement_uid String,
    account_id String,
    status String,
    update_time DateTime64(3) MATERIALIZED now64(),
    comment String
)
ENGINE = ReplacingMergeTree
ORDER BY (measurement_uid, account_id)
SETTINGS index_granularity = 4`,
    `CREATE TABLE IF NOT EXISTS test_groups
(
    test_name String,
    test_group String
)
ENGINE = Join(ANY, LEFT, test_name)`,
    // The standard test name -> group mapping used by Explorer. Join(ANY) keeps the first
    // row per key, so re-running this insert cannot create duplicates.
    `INSERT INTO test_groups (test_name, test_group) VALUES
    ('bridge_reachability', 'circumvention'), ('meek_fronted_requests_test', 'circumvention'),
    ('psiphon', 'circumvention'), ('riseupvpn', 'circumvention'), ('tcp_connect', 'circumvention'),
    ('tor', 'circumvention'), ('torsf', 'circumvention'), ('vanilla_tor', 'circumvention'),
    ('openvpn', 'circumvention'),
    ('dnscheck', 'experimental'), ('urlgetter', 'experimental'), ('stunreachability', 'experimental'),
    ('facebook_messenger', 'im'), ('signal', 'im'), ('telegram', 'im'), ('whatsapp', 'im'),
    ('dns_consistency', 'legacy'), ('http_host', 'legacy'), ('http_requests', 'legacy'),
    ('multi_protocol_traceroute', 'legacy'),
    ('http_header_field_manipulation', 'middlebox'), ('http_invalid_request_line', 'middlebox'),
    ('dash', 'performance'), ('ndt', 'performance'),
    ('web_connectivity', 'websites')`,
  ],
};
