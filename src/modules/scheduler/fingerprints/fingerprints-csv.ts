import { parse } from 'csv-parse/sync';

export type FingerprintKind = 'dns' | 'http';

/** One row of fingerprints_dns / fingerprints_http. */
export interface FingerprintRow {
  name: string;
  scope: string;
  other_names: string;
  location_found: string;
  pattern_type: string;
  pattern: string;
  confidence_no_fp: number;
  expected_countries: string;
  source: string;
  exp_url: string;
  notes: string;
}

const DNS_SCOPES = ['nat', 'isp', 'prod', 'inst', 'vbw', 'fp'];
const SCOPES: Record<FingerprintKind, ReadonlySet<string>> = {
  dns: new Set(DNS_SCOPES),
  http: new Set([...DNS_SCOPES, 'injb', 'prov']),
};
const PATTERN_TYPES = new Set(['full', 'prefix', 'contains', 'regexp']);
const REQUIRED = ['name', 'scope', 'location_found', 'pattern_type', 'pattern', 'confidence_no_fp'] as const;
const OPTIONAL = ['other_names', 'expected_countries', 'source', 'exp_url', 'notes'] as const;

export class InvalidFingerprintsError extends Error {
  override readonly name = 'InvalidFingerprintsError';
}

function checkRow(kind: FingerprintKind, raw: Record<string, string>, line: number): FingerprintRow {
  const bad = (why: string): never => {
    throw new InvalidFingerprintsError(`fingerprints_${kind}.csv row ${line}: ${why}`);
  };
  if (!raw.name) bad('empty name');
  if (!SCOPES[kind].has(raw.scope)) bad(`unknown scope ${JSON.stringify(raw.scope)}`);
  if (!PATTERN_TYPES.has(raw.pattern_type)) bad(`unknown pattern_type ${JSON.stringify(raw.pattern_type)}`);
  if (!raw.pattern) bad('empty pattern');
  if (!/^\d{1,3}$/.test(raw.confidence_no_fp) || Number(raw.confidence_no_fp) > 255) {
    bad(`confidence_no_fp ${JSON.stringify(raw.confidence_no_fp)} is not 0-255`);
  }
  const row = { confidence_no_fp: Number(raw.confidence_no_fp) } as FingerprintRow;
  for (const k of [...REQUIRED, ...OPTIONAL]) if (k !== 'confidence_no_fp') row[k] = raw[k] ?? '';
  return row;
}

/**
 * Parses and checks a blocking-fingerprints CSV (header line, legacy columns): every row
 * complete, known scope and pattern type, 0-255 confidence, non-empty name and pattern,
 * and a row count within [minRows, maxRows] (a truncated download fails here).
 */
export function parseFingerprintsCsv(
  kind: FingerprintKind,
  csv: Buffer,
  bounds: { minRows: number; maxRows: number },
): FingerprintRow[] {
  let table: string[][];
  try {
    table = parse(csv, { skip_empty_lines: true, relax_column_count: false, bom: true });
  } catch (err) {
    throw new InvalidFingerprintsError(`fingerprints_${kind}.csv is not valid CSV: ${(err as Error).message}`);
  }
  const [header = [], ...lines] = table;
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new InvalidFingerprintsError(`fingerprints_${kind}.csv lacks columns: ${missing.join(', ')}`);
  }
  const records = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
  if (records.length < bounds.minRows || records.length > bounds.maxRows) {
    throw new InvalidFingerprintsError(
      `fingerprints_${kind}.csv has ${records.length} rows, expected ${bounds.minRows}-${bounds.maxRows}`,
    );
  }
  // A repeated name replaces the earlier row (the tables are keyed by name), as in legacy.
  return records.map((raw, i) => checkRow(kind, raw, i + 2));
}
