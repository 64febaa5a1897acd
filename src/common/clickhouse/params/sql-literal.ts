import { ClickhouseType, QueryParamError } from './clickhouse-type';

/*
 * JS value -> ClickHouse SQL literal, strictly from the declared type. The literal is what
 * `CAST(<literal> AS <Type>)` turns into the value, the same cast the server applies to a
 * server-side parameter. Every value is validated against its type first: CAST would wrap an
 * out-of-range integer silently, so nothing reaches it unchecked.
 */

// Inside '...' (or `...`): the quote and the backslash (the escape introducer) could end the literal;
// control characters are escaped so the SQL stays one readable line. Any other Unicode is literal.
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '`': '\\`',
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = { "'": /[\\'\u0000-\u001f\u007f]/g, '`': /[\\`\u0000-\u001f\u007f]/g };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `s` quoted as a ClickHouse string literal (`'`) or identifier (`` ` ``); `s` must be
 * well-formed UTF-16 (no lone surrogates).
 */
export function quoteString(s: string, quote: "'" | '`' = "'"): string {
  if (LONE_SURROGATE.test(s)) throw new QueryParamError('a string parameter holds a lone UTF-16 surrogate');
  const escaped = s.replace(
    NEEDS_ESCAPE[quote],
    (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `${quote}${escaped}${quote}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT_RE = /^-?\d{1,80}$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const FLOAT32_MAX = 3.4028234663852886e38;
const DATETIME_MAX_S = 4_294_967_295;

const describe = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v);
const mismatch = (v: unknown, type: string): QueryParamError =>
  new QueryParamError(`parameter value ${describe(v)} is not a valid ${type}`);

/** The literal of `value` as a `type`. Throws {@link QueryParamError} when the value does not fit the type. */
export function sqlLiteral(type: ClickhouseType, value: unknown): string {
  switch (type.kind) {
    case 'String':
      if (typeof value !== 'string') throw mismatch(value, 'String');
      return quoteString(value);
    case 'FixedString':
      if (typeof value !== 'string' || Buffer.byteLength(value, 'utf8') > type.length) {
        throw mismatch(value, `FixedString(${type.length})`);
      }
      return quoteString(value);
    case 'Int':
      return intLiteral(value, type.bits, type.signed);
    case 'Float':
      if (typeof value !== 'number' || !Number.isFinite(value) || (type.bits === 32 && Math.abs(value) > FLOAT32_MAX)) {
        throw mismatch(value, `Float${type.bits}`);
      }
      return String(value);
    case 'Bool':
      if (typeof value !== 'boolean') throw mismatch(value, 'Bool');
      return value ? 'true' : 'false';
    case 'UUID':
      if (typeof value !== 'string' || !UUID_RE.test(value)) throw mismatch(value, 'UUID');
      return `'${value.toLowerCase()}'`;
    case 'Date':
      return dateLiteral(value);
    case 'DateTime':
      return dateTimeLiteral(value);
    case 'DateTime64':
      return dateTime64Literal(value, type.precision);
    case 'LowCardinality':
      return sqlLiteral(type.inner, value);
    case 'Nullable':
      return value === null || value === undefined ? 'NULL' : sqlLiteral(type.inner, value);
    case 'Array':
      if (!Array.isArray(value)) throw mismatch(value, 'Array');
      return `[${value.map((v: unknown) => sqlLiteral(type.inner, v)).join(', ')}]`;
  }
}

function intLiteral(value: unknown, bits: number, signed: boolean): string {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && INT_RE.test(value)) n = BigInt(value);
  else throw mismatch(value, `${signed ? '' : 'U'}Int${bits}`);
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (n < min || n > max) {
    throw new QueryParamError(`parameter value ${n} is out of range for ${signed ? '' : 'U'}Int${bits}`);
  }
  // Wider than 64 bits a bare number would be read as a Float64: the cast parses the digits instead.
  return bits > 64 ? `'${n}'` : n.toString();
}

/** Whether y-m-d (and h:m:s) name a real calendar instant, e.g. not 2024-02-30 or 25:00:00. */
function isRealDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

function validDate(value: Date): Date {
  if (Number.isNaN(value.getTime())) throw mismatch(value, 'date (invalid Date)');
  return value;
}

function dateLiteral(value: unknown): string {
  const text = value instanceof Date ? validDate(value).toISOString().slice(0, 10) : value;
  const m = typeof text === 'string' ? DATE_RE.exec(text) : null;
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !isRealDate(y, mo, d) || y < 1970 || y > 2149) throw mismatch(value, 'Date');
  return `'${text as string}'`;
}

/** A date-time string (date only, or with seconds and at most `maxFraction` fraction digits), checked for real. */
function dateTimeText(value: unknown, maxFraction: number, years: [number, number], type: string): string {
  if (typeof value !== 'string') throw mismatch(value, type);
  const m = DATE_RE.exec(value) ?? DATETIME_RE.exec(value);
  const [y, mo, d, h, mi, s] = m ? m.slice(1, 7).map((x) => Number(x ?? 0)) : [];
  if (!m || !isRealDate(y, mo, d, h, mi, s) || y < years[0] || y > years[1] || (m[7]?.length ?? 0) > maxFraction) {
    throw mismatch(value, type);
  }
  return value.replace('T', ' ');
}

function unixSeconds(value: Date | number, type: string): number {
  const s = value instanceof Date ? validDate(value).getTime() / 1000 : value;
  if (!Number.isFinite(s) || s < 0 || s > DATETIME_MAX_S) throw mismatch(value, type);
  return s;
}

function dateTimeLiteral(value: unknown): string {
  // A Date or a number is an instant (Unix seconds, like the HTTP client sends); a string is read in the session time zone.
  if (value instanceof Date || typeof value === 'number') {
    const s = unixSeconds(value, 'DateTime');
    if (typeof value === 'number' && !Number.isInteger(s)) throw mismatch(value, 'DateTime');
    return String(Math.floor(s));
  }
  return quoteString(dateTimeText(value, 0, [1970, 2106], 'DateTime'));
}

function dateTime64Literal(value: unknown, precision: number): string {
  if (value instanceof Date) {
    unixSeconds(value, `DateTime64(${precision})`);
    const ms = value.getTime();
    return `'${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}'`;
  }
  const type = `DateTime64(${precision})`;
  if (typeof value === 'number') return `'${unixSeconds(value, type).toFixed(precision)}'`;
  return quoteString(dateTimeText(value, precision, [1900, 2299], type));
}
