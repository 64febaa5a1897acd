import { measurementsMigration } from './0001-measurements';
import { testListsMigration } from './0002-test-lists';
import { accountsMigration } from './0003-accounts';
import { incidentsOonirunMigration } from './0004-incidents-oonirun';
import { analysisMigration } from './0005-analysis';
import { Migration } from './migration';

/** Applied in this order; never reorder or edit an applied migration, add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  measurementsMigration,
  testListsMigration,
  accountsMigration,
  incidentsOonirunMigration,
  analysisMigration,
];

export type { Migration };
