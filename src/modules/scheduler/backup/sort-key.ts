/** A column of a table as system.columns describes it. */
export interface ColumnInfo {
  name: string;
  type: string;
  /** '' (plain), DEFAULT, MATERIALIZED, ALIAS or EPHEMERAL. */
  default_kind: string;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Stored in the dump (`SELECT *`): plain and DEFAULT columns. */
const DUMPED_KINDS = new Set(['', 'DEFAULT']);
/** NULL and NaN compare false: a cursor on such a column would skip rows. */
const UNORDERED_TYPE = /Nullable|Float|Nothing|Variant|Dynamic|JSON|Object|Map/;

/**
 * The columns a table can be read by in chunks (`WHERE key > last ORDER BY key`): the
 * longest prefix of its sorting key (or, without one, its primary key) made of dumped,
 * totally ordered columns. Empty: the table has no usable key and is read whole.
 */
export function chunkKey(sortingKey: string, primaryKey: string, columns: readonly ColumnInfo[]): string[] {
  const expression = sortingKey.trim() || primaryKey.trim();
  if (!expression) return [];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const key: string[] = [];
  for (const part of expression.split(',').map((p) => p.trim().replace(/^`(.*)`$/, '$1'))) {
    const column = PLAIN_NAME.test(part) ? byName.get(part) : undefined;
    if (!column || !DUMPED_KINDS.has(column.default_kind) || UNORDERED_TYPE.test(column.type)) break;
    key.push(part);
  }
  return key;
}
