/**
 * The ClickHouse types a `{name:Type}` placeholder may declare when values are bound in the
 * client (embedded engine). A closed set: anything else is refused, never passed through.
 */
export type ClickhouseType =
  | { kind: 'String' }
  | { kind: 'FixedString'; length: number }
  | { kind: 'Int'; bits: IntBits; signed: boolean }
  | { kind: 'Float'; bits: 32 | 64 }
  | { kind: 'Bool' }
  | { kind: 'UUID' }
  | { kind: 'Date' }
  | { kind: 'DateTime' }
  | { kind: 'DateTime64'; precision: number }
  | { kind: 'LowCardinality'; inner: ClickhouseType }
  | { kind: 'Nullable'; inner: ClickhouseType }
  | { kind: 'Array'; inner: ClickhouseType };

export type IntBits = 8 | 16 | 32 | 64 | 128 | 256;

/** A placeholder whose value cannot be rendered: bad type, missing value, value out of its type. */
export class QueryParamError extends Error {
  override readonly name = 'QueryParamError';
}

const SCALARS: Record<string, ClickhouseType> = {
  String: { kind: 'String' },
  Bool: { kind: 'Bool' },
  UUID: { kind: 'UUID' },
  Date: { kind: 'Date' },
  DateTime: { kind: 'DateTime' },
  Float32: { kind: 'Float', bits: 32 },
  Float64: { kind: 'Float', bits: 64 },
};
for (const bits of [8, 16, 32, 64, 128, 256] as const) {
  SCALARS[`Int${bits}`] = { kind: 'Int', bits, signed: true };
  SCALARS[`UInt${bits}`] = { kind: 'Int', bits, signed: false };
}

const WRAPPERS = new Set(['LowCardinality', 'Nullable', 'Array']);
const MAX_FIXED_STRING = 65_535;

/** Parses a declared type, e.g. `Array(FixedString(2))`. Throws {@link QueryParamError} on anything unsupported. */
export function parseClickhouseType(text: string): ClickhouseType {
  const t = text.trim();
  const scalar = SCALARS[t];
  if (scalar) return scalar;
  const m = /^([A-Za-z0-9]+)\((.*)\)$/s.exec(t);
  if (!m) throw new QueryParamError(`unsupported ClickHouse parameter type ${JSON.stringify(text)}`);
  const [, head, arg] = m;
  if (head === 'FixedString') {
    return { kind: 'FixedString', length: boundedInt(arg, 1, MAX_FIXED_STRING, text) };
  }
  if (head === 'DateTime64') return { kind: 'DateTime64', precision: boundedInt(arg, 0, 9, text) };
  if (!WRAPPERS.has(head)) throw new QueryParamError(`unsupported ClickHouse parameter type ${JSON.stringify(text)}`);
  const inner = parseClickhouseType(arg);
  if (head === 'LowCardinality') {
    if (inner.kind !== 'String' && inner.kind !== 'FixedString' && inner.kind !== 'Nullable') {
      throw new QueryParamError(`unsupported ClickHouse parameter type ${JSON.stringify(text)}`);
    }
    return { kind: 'LowCardinality', inner };
  }
  if (head === 'Nullable' && (inner.kind === 'Nullable' || inner.kind === 'Array' || inner.kind === 'LowCardinality')) {
    throw new QueryParamError(`unsupported ClickHouse parameter type ${JSON.stringify(text)}`);
  }
  return head === 'Nullable' ? { kind: 'Nullable', inner } : { kind: 'Array', inner };
}

/** The canonical spelling of a parsed type: what the rendered SQL casts to (never the raw declaration). */
export function formatClickhouseType(t: ClickhouseType): string {
  switch (t.kind) {
    case 'String':
    case 'Bool':
    case 'UUID':
    case 'Date':
    case 'DateTime':
      return t.kind;
    case 'FixedString':
      return `FixedString(${t.length})`;
    case 'Int':
      return `${t.signed ? '' : 'U'}Int${t.bits}`;
    case 'Float':
      return `Float${t.bits}`;
    case 'DateTime64':
      return `DateTime64(${t.precision})`;
    case 'LowCardinality':
    case 'Nullable':
    case 'Array':
      return `${t.kind}(${formatClickhouseType(t.inner)})`;
  }
}

function boundedInt(text: string, min: number, max: number, type: string): number {
  const s = text.trim();
  const n = /^\d{1,6}$/.test(s) ? Number(s) : NaN;
  if (!(n >= min && n <= max)) {
    throw new QueryParamError(`unsupported ClickHouse parameter type ${JSON.stringify(type)}`);
  }
  return n;
}
