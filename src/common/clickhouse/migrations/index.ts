import { measurementsMigration } from './0001-measurements';
import { testListsMigration } from './0002-test-lists';
import { accountsMigration } from './0003-accounts';
import { incidentsOonirunMigration } from './0004-incidents-oonirun';
import { analysisMigration } from './0005-analysis';
import { jsonlOffsetsMigration } from './0006-jsonl-offsets';
import { fastpathOonirunMigration } from './0007-fastpath-oonirun';
import { fastpathVerifiedMigration } from './0008-fastpath-verified';
import { incidentsFindingsMigration } from './0010-incidents-findings';
import { oonirunV2Migration } from './0011-oonirun-v2';
import { fastpathCountersMigration } from './0012-fastpath-counters';
import { Migration } from './migration';

/** Applied in this order; never reorder or edit an applied migration, add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  measurementsMigration,
  testListsMigration,
  accountsMigration,
  incidentsOonirunMigration,
  analysisMigration,
  jsonlOffsetsMigration,
  fastpathOonirunMigration,
  fastpathVerifiedMigration,
  incidentsFindingsMigration,
  oonirunV2Migration,
  fastpathCountersMigration,
];

export type { Migration };
