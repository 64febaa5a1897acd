import { randomUUID } from 'node:crypto';
import { ChunkedText } from './chunked-text';

/**
 * JSON.parse for measurements, cheap on large bodies: in a document of at least SKIM_MIN_BYTES,
 * string values of at least LONG_STRING characters (response bodies, echoed requests,
 * certificates) are left out of JSON.parse and decoded on first read, by a getter that then
 * turns into a plain property. The result reads exactly like JSON.parse's; only the strings no
 * scorer reads are never built. Finding them costs one `indexOf` per quote of the document.
 *
 * A long string is validated when read: a malformed one that no scorer reads no longer makes the
 * whole document invalid (bodies are checked as JSON when submitted).
 */
export const SKIM_MIN_BYTES = 64 * 1024;
export const LONG_STRING = 4 * 1024;

/** Stands for a long string in the text given to JSON.parse; no document can guess it. */
const MARK = `\u0000${randomUUID()}:`;
const MARK_LITERAL = JSON.stringify(MARK).slice(0, -1);

interface LongString {
  text: ChunkedText;
  /** Offsets of the literal, quotes included. */
  from: number;
  to: number;
}

/** On an object or array holding long strings: those not decoded yet (a symbol: invisible to JSON and keys). */
const PENDING = Symbol('lazy-json pending strings');
type Holder = object & { [PENDING]?: Map<string, LongString> };

export interface LazyJsonLimits {
  /** Smaller documents go to JSON.parse whole. */
  minBytes: number;
  /** String literals (quotes included) at least this long are decoded when read. */
  longString: number;
}

const DEFAULT_LIMITS: LazyJsonLimits = { minBytes: SKIM_MIN_BYTES, longString: LONG_STRING };

/** Parses a measurement body (UTF-8 bytes or text); throws like JSON.parse on bad JSON. */
export function parseJson(body: string | Uint8Array, limits = DEFAULT_LIMITS): unknown {
  const length = typeof body === 'string' ? body.length : body.byteLength;
  if (length < limits.minBytes) return JSON.parse(typeof body === 'string' ? body : decodeUtf8(body));
  const text = typeof body === 'string' ? ChunkedText.of(body) : ChunkedText.decode(body);
  if (!text) return JSON.parse(decodeUtf8(body as Uint8Array));
  const spans = findLongStrings(text, limits.longString);
  if (spans.length === 0) return JSON.parse(text.slice(0, text.length));
  const parts: string[] = [];
  let at = 0;
  spans.forEach(([from, to], i) => {
    parts.push(text.slice(at, from), `${MARK_LITERAL}${i}"`);
    at = to;
  });
  parts.push(text.slice(at, text.length));
  const root: unknown = JSON.parse(parts.join(''));
  if (typeof root === 'string') return root.startsWith(MARK) ? JSON.parse(text.slice(0, text.length)) : root;
  attachLongStrings(root, (i) => ({ text, from: spans[i][0], to: spans[i][1] }));
  return root;
}

/**
 * Bounds of the length of `container[key]` when it is a long string not decoded yet (reading it
 * would decode it), else undefined. A literal of n characters decodes to n/6 (all `\uXXXX`) to n.
 */
export function pendingStringLength(
  container: unknown,
  key: string | number,
): { min: number; max: number } | undefined {
  if (typeof container !== 'object' || container === null) return undefined;
  const s = (container as Holder)[PENDING]?.get(String(key));
  if (!s) return undefined;
  const n = s.to - s.from - 2;
  return { min: Math.ceil(n / 6), max: n };
}

function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** [from, to) of every string literal of at least `min` characters that is a value, not a key. */
export function findLongStrings(text: ChunkedText, min: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = -1;
  text.chunks.forEach((chunk, c) => {
    const base = text.base(c);
    for (let q = chunk.indexOf('"'); q !== -1; q = chunk.indexOf('"', q + 1)) {
      if (start < 0) {
        start = base + q;
      } else if (text.backslashesBefore(c, q) % 2 === 0) {
        const end = base + q + 1;
        if (end - start >= min && text.nextNonSpace(end) !== 0x3a /* ':' */) spans.push([start, end]);
        start = -1;
      }
    }
  });
  return spans;
}

/** Replaces each marker string in the tree by a property that decodes its long string when read. */
function attachLongStrings(node: unknown, longString: (i: number) => LongString): void {
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const keys = Array.isArray(node) ? Array.from(node.keys(), String) : Object.keys(node);
  for (const key of keys) {
    const value = record[key];
    if (typeof value !== 'string') attachLongStrings(value, longString);
    else if (value.startsWith(MARK)) defineLazy(node, key, longString(Number(value.slice(MARK.length))));
  }
}

/**
 * One getter/setter pair per key name, shared by every document: a closure per string would be
 * held by V8's hidden classes, keep whole documents alive and make each young GC promote them.
 */
const accessors = new Map<string, PropertyDescriptor>();
const MAX_ACCESSORS = 10_000;

function accessorFor(key: string): PropertyDescriptor {
  let descriptor = accessors.get(key);
  if (descriptor) return descriptor;
  descriptor = {
    enumerable: true,
    configurable: true,
    get(this: Holder): unknown {
      const s = this[PENDING]?.get(key);
      return settle(this, key, s ? (JSON.parse(s.text.slice(s.from, s.to)) as unknown) : undefined);
    },
    set(this: Holder, value: unknown): void {
      settle(this, key, value);
    },
  };
  if (accessors.size < MAX_ACCESSORS) accessors.set(key, descriptor);
  return descriptor;
}

function settle(container: Holder, key: string, value: unknown): unknown {
  container[PENDING]?.delete(key);
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

function defineLazy(container: Holder, key: string, s: LongString): void {
  let strings = container[PENDING];
  if (!strings) {
    strings = new Map();
    Object.defineProperty(container, PENDING, { value: strings, enumerable: false });
  }
  strings.set(key, s);
  Object.defineProperty(container, key, accessorFor(key));
}
