import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** Columns of every `lists/<cc>.csv` of the CitizenLab test-lists repository, in file order. */
export const TEST_LIST_COLUMNS = [
  'url',
  'category_code',
  'category_description',
  'date_added',
  'source',
  'notes',
] as const;

export type TestListRow = Record<(typeof TEST_LIST_COLUMNS)[number], string>;

/** What the Test List Editor reads and sends for one URL (the description follows the code). */
export type EditableEntry = Omit<TestListRow, 'category_description'>;

export const GLOBAL_LIST = 'global';
/** The `citizenlab.cc` of the global list, as the legacy updater stores it. */
export const GLOBAL_CC = 'ZZ';

export class TestListFormatError extends Error {
  override readonly name = 'TestListFormatError';
}

/**
 * Parses one list strictly: exactly the six columns in order, every record six fields, no
 * stray quotes. A malformed file is an error, never a partial list.
 */
export function parseTestList(text: string | Buffer, file = 'list'): TestListRow[] {
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
    records = parsed as string[][];
  } catch (err) {
    throw new TestListFormatError(`${file}: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header || header.join(',') !== TEST_LIST_COLUMNS.join(',')) {
    throw new TestListFormatError(`${file}: header must be ${TEST_LIST_COLUMNS.join(',')}`);
  }
  return rows.map((fields, i) => {
    if (fields.length !== TEST_LIST_COLUMNS.length) {
      throw new TestListFormatError(`${file} line ${i + 2}: ${fields.length} fields, expected 6`);
    }
    return Object.fromEntries(TEST_LIST_COLUMNS.map((c, j) => [c, fields[j]])) as TestListRow;
  });
}

/** Writes a list as the upstream files are written (Python csv, minimal quoting, LF line ends). */
export function serializeTestList(rows: readonly TestListRow[]): string {
  return stringify(rows as TestListRow[], {
    header: true,
    columns: [...TEST_LIST_COLUMNS],
    record_delimiter: '\n',
    quoted_match: /[\r\n]/,
  });
}

/** A legend file (`00-LEGEND-*.csv`) as a map from the key column to the value column. */
export function parseLegend(text: string | Buffer, keyColumn: string, valueColumn: string): Map<string, string> {
  const rows = parse<Record<string, string>>(text, { bom: true, columns: true, skip_empty_lines: true });
  const out = new Map<string, string>();
  for (const row of rows) {
    const key = row[keyColumn]?.trim();
    if (key) out.set(key, row[valueColumn]?.trim() ?? '');
  }
  return out;
}
