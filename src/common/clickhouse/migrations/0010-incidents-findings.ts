import { Migration } from './migration';

// Explorer's Findings (the newer oonifindings service) also store a URL slug and themes;
// the seed `incidents` table lacks both. Old rows get an empty slug and no themes.
export const incidentsFindingsMigration: Migration = {
  id: '0010_incidents_findings',
  statements: [
    "ALTER TABLE incidents ADD COLUMN IF NOT EXISTS slug String DEFAULT ''",
    'ALTER TABLE incidents ADD COLUMN IF NOT EXISTS themes Array(String) DEFAULT []',
  ],
};
