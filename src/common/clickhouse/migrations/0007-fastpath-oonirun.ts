import { Migration } from './migration';

// Measurements started from an OONI Run link carry its id (annotations.ooni_run_link_id);
// /api/v1/measurements and /api/v1/aggregation filter on it.
export const fastpathOonirunMigration: Migration = {
  id: '0007_fastpath_ooni_run_link_id',
  statements: ['ALTER TABLE fastpath ADD COLUMN IF NOT EXISTS ooni_run_link_id Nullable(UInt64)'],
};
