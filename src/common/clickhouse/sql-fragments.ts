/*
 * The escape hatches of the lint rule against SQL built from values: SQL text may interpolate
 * only constants and closed maps (UPPER_CASE names), sqlIdent() and sqlJoin().
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** A column or table name (optionally `table.column`) taken from a closed map; anything else throws. */
export function sqlIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Joins SQL fragments that were themselves written under the same rule (literals, closed maps,
 * `{name:Type}` placeholders), e.g. the clauses of a WHERE.
 */
export function sqlJoin(fragments: readonly string[], separator: string): string {
  return fragments.join(separator);
}
