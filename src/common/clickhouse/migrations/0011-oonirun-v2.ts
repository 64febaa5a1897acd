import { Migration } from './migration';

// OONI Run v2 (bk-005): a link expires at `expiration_date` (NULL: never, as legacy v1 links).
// Everything else v2 needs lives in the `descriptor` JSON; a revision is one
// `descriptor_creation_time` of the link, numbered from 1 in time order.
export const oonirunV2Migration: Migration = {
  id: '0011_oonirun_v2',
  statements: ['ALTER TABLE oonirun ADD COLUMN IF NOT EXISTS expiration_date Nullable(DateTime64(3))'],
};
