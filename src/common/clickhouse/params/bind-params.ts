import { formatClickhouseType, parseClickhouseType, QueryParamError } from './clickhouse-type';
import { quoteString, sqlLiteral } from './sql-literal';

export { QueryParamError } from './clickhouse-type';

/*
 * Client-side binding of `{name:Type}` placeholders, the one place where a value becomes SQL
 * text (embedded engine only; a ClickHouse server binds them itself). The SQL is scanned once,
 * left to right: string literals, quoted identifiers and comments are copied untouched, and each
 * placeholder outside them is replaced by `CAST(<literal> AS <Type>)` rendered from its declared
 * type. Values are never scanned again, so a value holding `{x:String}` stays text.
 */

// `{` + name + `:` + type + `}`, as the ClickHouse lexer reads a substitution.
const PLACEHOLDER_RE = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:([^{}]*)\}/y;

/**
 * How `{name:Identifier}` renders: one quoted name, dots included, as the server substitutes it
 * (e.g. a materialized view's `.inner_id.<uuid>`). Names come from closed maps in the code.
 */
function identifierLiteral(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    throw new QueryParamError(`parameter ${name}: ${JSON.stringify(value)} is not an identifier`);
  }
  return quoteString(value, '`');
}

function renderPlaceholder(name: string, typeText: string, params: Record<string, unknown>): string {
  if (!Object.prototype.hasOwnProperty.call(params, name)) {
    throw new QueryParamError(`query parameter ${name} has no value`);
  }
  const value = params[name];
  if (typeText.trim() === 'Identifier') return identifierLiteral(name, value);
  const type = parseClickhouseType(typeText);
  try {
    return `CAST(${sqlLiteral(type, value)} AS ${formatClickhouseType(type)})`;
  } catch (err) {
    if (err instanceof QueryParamError) throw new QueryParamError(`parameter ${name}: ${err.message}`);
    throw err;
  }
}

/** Index just past the quoted run starting at `start` (a `'`, `"` or backtick), honouring `\` escapes and doubled quotes. */
function skipQuoted(sql: string, start: number): number {
  const quote = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === '\\') i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  throw new QueryParamError('unterminated quoted string in query');
}

/** Index just past the comment starting at `start`, or `start` when none starts there. */
function skipComment(sql: string, start: number): number {
  const two = sql.slice(start, start + 2);
  if (two === '--' || sql[start] === '#') {
    const end = sql.indexOf('\n', start);
    return end === -1 ? sql.length : end + 1;
  }
  if (two === '/*') {
    const end = sql.indexOf('*/', start + 2);
    if (end === -1) throw new QueryParamError('unterminated comment in query');
    return end + 2;
  }
  return start;
}

/**
 * `sql` with every `{name:Type}` placeholder replaced by its value from `params`. Throws
 * {@link QueryParamError} for a missing value, an unsupported type or a value outside its type.
 */
export function bindQueryParams(sql: string, params: Record<string, unknown>): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(sql, i);
      continue;
    }
    const afterComment = skipComment(sql, i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    if (c === '{') {
      PLACEHOLDER_RE.lastIndex = i;
      const m = PLACEHOLDER_RE.exec(sql);
      if (m) {
        out += sql.slice(copied, i) + renderPlaceholder(m[1], m[2], params);
        i = copied = i + m[0].length;
        continue;
      }
    }
    i++;
  }
  return copied === 0 ? sql : out + sql.slice(copied);
}
