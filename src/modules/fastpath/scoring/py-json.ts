import { Scores } from './types';

// The original stores `ujson.dumps(scores)`: compact separators, non-ASCII escaped as \uXXXX,
// "/" escaped as "\/", and Python floats always written with a decimal point ("0.0").
// JSON.parse loses the int/float distinction, so the keys that Python always computes as floats
// are listed here; a scorer can mark an exception with `markPyInt`.

const FLOAT_KEYS: ReadonlySet<string> = new Set([
  'blocking_general',
  'blocking_global',
  'blocking_country',
  'blocking_isp',
  'blocking_local',
  'accuracy',
]);

const PY_INT_KEYS = Symbol('pyIntKeys');

/** Record that `scores[key]` is a Python int (legacy quirk: meek sets `accuracy = 0`). */
export function markPyInt(scores: Scores, key: string): void {
  const holder = scores as Scores & { [PY_INT_KEYS]?: Set<string> };
  let keys = holder[PY_INT_KEYS];
  if (!keys) {
    keys = new Set<string>();
    Object.defineProperty(holder, PY_INT_KEYS, { value: keys, enumerable: false });
  }
  keys.add(key);
}

function intKeysOf(scores: Scores): ReadonlySet<string> | undefined {
  return (scores as Scores & { [PY_INT_KEYS]?: Set<string> })[PY_INT_KEYS];
}

/** Serialize scores exactly like the original's `ujson.dumps(scores)`. */
export function dumpScores(scores: Scores): string {
  const intKeys = intKeysOf(scores);
  const parts: string[] = [];
  for (const key of Object.keys(scores)) {
    const v = scores[key];
    if (v === undefined) continue;
    const isFloat = FLOAT_KEYS.has(key) && typeof v === 'number' && !intKeys?.has(key);
    parts.push(quote(key) + ':' + (isFloat ? pyFloat(v) : dumpValue(v)));
  }
  return '{' + parts.join(',') + '}';
}

function dumpValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isInteger(v) ? String(v) : pyFloat(v);
    case 'object': {
      if (Array.isArray(v)) return '[' + v.map(dumpValue).join(',') + ']';
      const parts: string[] = [];
      for (const [k, x] of Object.entries(v)) {
        if (x !== undefined) parts.push(quote(k) + ':' + dumpValue(x));
      }
      return '{' + parts.join(',') + '}';
    }
    default:
      return 'null';
  }
}

/** repr(float): shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-4 && abs < 1e16) {
    const s = String(v);
    return s.includes('.') || s.includes('e') ? s : s + '.0';
  }
  const [mant, exp] = v.toExponential().split('e');
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\/\u0000-\u001f\u0080-\uffff]/;

function quote(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x2f:
        out += '\\/';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      default:
        out += c < 0x20 || c > 0x7f ? '\\u' + c.toString(16).padStart(4, '0') : s[i];
    }
  }
  return out + '"';
}
