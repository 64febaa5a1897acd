/** Legacy `convert_to_csv`: header of the sorted keys of the first row, CRLF line ends (Python csv). */
export function rowsToCsv(rows: readonly object[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]).sort();
  const cell = (value: unknown): string => {
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [keys.join(',')];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(keys.map((k) => cell(record[k])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
