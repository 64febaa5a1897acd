import { Migration } from './migration';

// Where each measurement's own gzip member lies in its JSONL file: one body is read with a
// ranged GET instead of fetching and decompressing the whole file.
export const jsonlOffsetsMigration: Migration = {
  id: '0006_jsonl_offsets',
  statements: [
    `ALTER TABLE jsonl
    ADD COLUMN IF NOT EXISTS byte_offset UInt64 DEFAULT 0,
    ADD COLUMN IF NOT EXISTS byte_length UInt32 DEFAULT 0`,
  ],
};
