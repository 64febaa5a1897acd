import { stringify } from 'csv-stringify/sync';

/**
 * Legacy `convert_to_csv` (Python's csv module): a header of the first row's keys in sorted
 * order, one line per row, RFC 4180 quoting, CRLF line ends; missing values as empty fields.
 * No rows, no output.
 */
export function rowsToCsv(rows: readonly object[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]).sort();
  return stringify(rows as Array<Record<string, unknown>>, {
    header: true,
    columns,
    record_delimiter: '\r\n',
    // Quote any field with a line break, not only ones holding the full record delimiter.
    quoted_match: /[\r\n]/,
  });
}
