/** RFC 4180 field: quoted only when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Legacy `convert_to_csv`: a header of the first row's keys in sorted order, then one line per row,
 * CRLF line ends (Python's csv module). No rows, no output.
 */
export function rowsToCsv(rows: readonly object[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]).sort();
  const lines = [keys.map(csvField).join(',')];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(keys.map((k) => csvField(record[k])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
