import { Migration } from './migration';

// Anonymous-credentials verification of a measurement's submission: 't' verified, 'f' failed,
// 'u' unverified (the newer OONI measurements service answers it as `verification_status`).
export const fastpathVerifiedMigration: Migration = {
  id: '0008_fastpath_is_verified',
  statements: ["ALTER TABLE fastpath ADD COLUMN IF NOT EXISTS is_verified LowCardinality(String) DEFAULT 'u'"],
};
