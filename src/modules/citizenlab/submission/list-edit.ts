import { isDeepStrictEqual } from 'node:util';
import { EditableEntry, TestListRow } from '../test-list.format';

/** The fields the editor shows, in a fixed key order (legacy test_list items). */
export function editable(row: TestListRow): EditableEntry {
  return {
    url: row.url,
    category_code: row.category_code,
    date_added: row.date_added,
    source: row.source,
    notes: row.notes,
  };
}

export const sameEntry = (a: EditableEntry, b: EditableEntry): boolean =>
  isDeepStrictEqual(editable(a as TestListRow), editable(b as TestListRow));

/**
 * Legacy `URLListManager.update` on the rows of one list: replace or delete the row equal to
 * `oldEntry`, or append `newEntry`. Returns null when `oldEntry` is not in the list (it
 * changed meanwhile).
 */
export function applyEdit(
  rows: readonly TestListRow[],
  oldEntry: EditableEntry | null,
  newRow: TestListRow | null,
): TestListRow[] | null {
  if (!oldEntry) return newRow ? [...rows, newRow] : null;
  const i = rows.findIndex((r) => sameEntry(editable(r), oldEntry));
  if (i === -1) return null;
  return [...rows.slice(0, i), ...(newRow ? [newRow] : []), ...rows.slice(i + 1)];
}
