import { isDeepStrictEqual } from 'node:util';
import { EditableEntry } from '../test-list.format';

export type ChangeAction = 'add' | 'delete';
export type LoggedChange = EditableEntry & { action: ChangeAction };
/** Per list (lower-case country code or `global`): what the user changed since the last sync. */
export type ChangesLog = Record<string, LoggedChange[]>;

function without(changes: LoggedChange[], entry: EditableEntry, action: ChangeAction): LoggedChange[] {
  const i = changes.findIndex((c) => isDeepStrictEqual(c, { ...entry, action }));
  return i === -1 ? changes : [...changes.slice(0, i), ...changes.slice(i + 1)];
}

/**
 * Legacy `write_changes_log`, consistent: an edit is a delete plus an add, and adding back
 * what was deleted (or deleting what was added) cancels out.
 */
export function recordChange(
  log: ChangesLog,
  list: string,
  oldEntry: EditableEntry | null,
  newEntry: EditableEntry | null,
): ChangesLog {
  const before = log[list] ?? [];
  let changes = oldEntry ? without(before, oldEntry, 'add') : before;
  // Deleting or editing an entry this account added only drops the add; one that is upstream
  // is logged as deleted (legacy logged no delete on an edit, and a delete of its own adds).
  if (oldEntry && changes.length === before.length) changes = [...changes, { ...oldEntry, action: 'delete' }];
  if (newEntry) {
    const undeleted = without(changes, newEntry, 'delete');
    changes = undeleted.length < changes.length ? undeleted : [...changes, { ...newEntry, action: 'add' }];
  }
  return { ...log, [list]: changes };
}
