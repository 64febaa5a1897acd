import { Dict } from './types';

// Helpers reproducing the Python semantics the original scorers rely on (dict.get defaults,
// truthiness, `==` between JSON values, strptime/utcfromtimestamp, base64 decoding).

export function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** The value as a dict, or an empty one: the original would crash on non-dicts, we degrade instead. */
export function asDict(v: unknown): Dict {
  return isDict(v) ? v : {};
}

export function has(d: Dict, key: string): boolean {
  return Object.hasOwn(d, key);
}

/** `d.get(key)` on an untrusted dict, never reading inherited properties. */
export function get(d: unknown, key: string): unknown {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return undefined;
  return Object.hasOwn(d, key) ? (d as Dict)[key] : undefined;
}

/** dget_or: `default` when the key is missing or null. */
export function gOr<T>(d: unknown, key: string, dflt: T): unknown {
  const v = get(d, key);
  return v === undefined || v === null ? dflt : v;
}

/** Nested getter ("g"/"gn" in the original): missing or null intermediate keys yield `dflt`. */
export function gPath(d: unknown, keys: readonly string[], dflt: unknown = null): unknown {
  let cur: unknown = d;
  for (let i = 0; i < keys.length - 1; i++) {
    cur = gOr(cur, keys[i], {});
  }
  return gOr(cur, keys[keys.length - 1], dflt);
}

export function str(v: unknown, dflt = ''): string {
  return typeof v === 'string' ? v : dflt;
}

/** Python truthiness of a JSON value. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return !Number.isNaN(v);
}

/** Python `==` between JSON values (note True == 1 and False == 0). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = typeof a === 'boolean' ? Number(a) : a;
  const nb = typeof b === 'boolean' ? Number(b) : b;
  if (typeof na === 'number' && typeof nb === 'number') return na === nb;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && pyEquals(a[k], b[k]));
  }
  return false;
}

/** Python `x in (v1, v2, ...)` (equality based membership). */
export function pyIn(x: unknown, values: readonly unknown[]): boolean {
  return values.some((v) => pyEquals(x, v));
}

const DATETIME_RE = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MS_PER_400_YEARS = 146097 * 86400000;

function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** Milliseconds since the epoch of a UTC date; undefined if the fields do not form a valid datetime. */
export function utcMillis(y: number, mo: number, d: number, h: number, mi: number, sec: number): number | undefined {
  if (!(y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && sec <= 59)) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1])) return undefined;
  // Date.UTC maps years 0-99 to 1900-1999: shift by one Gregorian cycle
  return y < 100 ? Date.UTC(y + 400, mo - 1, d, h, mi, sec) - MS_PER_400_YEARS : Date.UTC(y, mo - 1, d, h, mi, sec);
}

/**
 * strptime(s, "%Y-%m-%d %H:%M:%S") interpreted as UTC, in milliseconds; undefined when Python would
 * raise ValueError.
 */
export function parsePyDateTime(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  if (s.length === 19 && s[4] === '-' && s[7] === '-' && s[10] === ' ' && s[13] === ':' && s[16] === ':') {
    const y = digits2(s, 0) * 100 + digits2(s, 2);
    const fields = [digits2(s, 5), digits2(s, 8), digits2(s, 11), digits2(s, 14), digits2(s, 17)];
    if (!Number.isNaN(y) && !fields.some(Number.isNaN)) {
      return utcMillis(y, fields[0], fields[1], fields[2], fields[3], fields[4]);
    }
  }
  const m = DATETIME_RE.exec(s);
  if (!m) return undefined;
  return utcMillis(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** 'YYYY-MM-DD HH:MM:SS' (UTC), the format ClickHouse DateTime accepts in JSONEachRow. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  );
}

const B64_VALUES = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (B64_VALUES[c.charCodeAt(0)] = i));
const CANONICAL_B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * base64.b64decode(s) without validation, as CPython does it: characters outside the alphabet are
 * skipped and decoding stops at the first complete padding. Returns undefined where Python raises
 * (binascii.Error for a dangling quantum, ValueError for non-ASCII or non-string input).
 */
export function pyB64Decode(s: unknown): Buffer | undefined {
  if (typeof s !== 'string') return undefined;
  if (CANONICAL_B64_RE.test(s)) return Buffer.from(s, 'base64');
  const out = Buffer.allocUnsafe(Math.ceil((s.length * 3) / 4));
  let n = 0;
  let quadPos = 0;
  let left = 0;
  let pads = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return undefined;
    if (c === 61 /* = */) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.subarray(0, n);
      continue;
    }
    const v = B64_VALUES[c];
    if (v < 0) continue;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        left = v;
        break;
      case 1:
        quadPos = 2;
        out[n++] = ((left << 2) | (v >> 4)) & 0xff;
        left = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[n++] = ((left << 4) | (v >> 2)) & 0xff;
        left = v & 0x03;
        break;
      default:
        quadPos = 0;
        out[n++] = ((left << 6) | v) & 0xff;
        left = 0;
    }
  }
  // "Incorrect padding" / "number of data characters cannot be 1 more than a multiple of 4"
  return quadPos === 0 ? out.subarray(0, n) : undefined;
}
