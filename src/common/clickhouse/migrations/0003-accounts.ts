import { Migration } from './migration';

export const accountsMigration: Migration = {
  id: '0003_accounts',
  statements: [
    // Only non-default roles are stored: an absent account_id is a "user".
    `CREATE TABLE IF NOT EXISTS accounts
(
    account_id FixedString(32),
    role String,
    update_time DateTime DEFAULT now()
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY account_id`,
    `CREATE TABLE IF NOT EXISTS session_expunge
(
    account_id FixedString(32),
    threshold DateTime DEFAULT now()
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY account_id`,
  ],
};
