import { Migration } from './migration';

export const incidentsOonirunMigration: Migration = {
  id: '0004_incidents_oonirun',
  statements: [
    `CREATE TABLE IF NOT EXISTS incidents
(
    update_time DateTime DEFAULT now(),
    start_time DateTime DEFAULT now(),
    end_time Nullable(DateTime),
    creator_account_id FixedString(32),
    reported_by String,
    id String,
    title String,
    text String,
    event_type LowCardinality(String),
    published UInt8,
    deleted UInt8 DEFAULT 0,
    CCs Array(FixedString(2)),
    ASNs Array(UInt32),
    domains Array(String),
    tags Array(String),
    links Array(String),
    test_names Array(String),
    short_description String,
    email_address String,
    create_time DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(update_time)
ORDER BY id
SETTINGS index_granularity = 1`,
    `CREATE TABLE IF NOT EXISTS oonirun
(
    ooni_run_link_id UInt64,
    descriptor_creation_time DateTime64(3),
    translation_creation_time DateTime64(3),
    creator_account_id FixedString(32),
    archived UInt8 DEFAULT 0,
    descriptor String,
    author String,
    name String,
    short_description String,
    icon String
)
ENGINE = ReplacingMergeTree(translation_creation_time)
ORDER BY (ooni_run_link_id, descriptor_creation_time)
SETTINGS index_granularity = 1`,
  ],
};
