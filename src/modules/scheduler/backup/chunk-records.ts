/** Text formats a table is read in chunks with: two header lines (names, types), then records. */
export type ChunkFormat = 'tsv' | 'csv';

export interface ChunkRecords {
  /** The two header lines, without their line ends. */
  header: [string, string];
  /** The records, each ending with '\n' ('' when none). */
  body: string;
  rows: number;
  /** The last record without its line end, or null when none. */
  last: string | null;
}

/** Start of each record after `from` (a CSV record may hold quoted line breaks; TSV escapes them). */
function recordEnds(text: string, from: number, format: ChunkFormat): { rows: number; lastStart: number } {
  let rows = 0;
  let lastStart = from;
  let pos = from;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (format === 'csv') {
      let quote = text.indexOf('"', pos);
      while (quote !== -1 && quote < nl) {
        const close = text.indexOf('"', quote + 1);
        if (close === -1) throw new Error('unterminated quoted CSV field');
        // A doubled quote inside a field is a close immediately followed by an open.
        if (close >= nl) nl = text.indexOf('\n', close);
        quote = text.indexOf('"', close + 1);
      }
    }
    if (nl === -1) throw new Error('chunk does not end with a line break');
    rows += 1;
    lastStart = pos;
    pos = nl + 1;
  }
  return { rows, lastStart };
}

/** Splits one chunk's text (`TabSeparatedWithNamesAndTypes` / `CSVWithNamesAndTypes`). */
export function splitChunk(text: string, format: ChunkFormat): ChunkRecords {
  const first = text.indexOf('\n');
  const second = first === -1 ? -1 : text.indexOf('\n', first + 1);
  if (second === -1) throw new Error('chunk without its two header lines');
  const header: [string, string] = [text.slice(0, first), text.slice(first + 1, second)];
  const { rows, lastStart } = recordEnds(text, second + 1, format);
  const body = text.slice(second + 1);
  return { header, body, rows, last: rows > 0 ? text.slice(lastStart, text.length - 1) : null };
}
