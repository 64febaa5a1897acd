import { Injectable } from '@nestjs/common';
import { ChunkFormat, ChunkRecords, splitChunk } from './chunk-records';
import { TableDumpRepository } from './table-dump.repository';

export interface ChunkReadOptions {
  format: ChunkFormat;
  /** At most this many rows per query (more only for rows tied on the key). */
  maxRows: number;
  /** About this many bytes of text per query (sized from the rows read so far). */
  maxBytes: number;
  /** Continue after this cursor (a chunk's `next`); null: from the start. */
  after: string | null;
  /** YYYY-MM-DD: only this UTC day of a day table. */
  day?: string;
}

export interface TableChunk extends ChunkRecords {
  /** The whole text: the two header lines, then the records. */
  text: string;
  /** Cursor after this chunk (pass as `after` to continue). */
  next: string | null;
}

/** Rows of the first query of a table whose row size ClickHouse does not know. */
const PROBE_ROWS = 100;

/**
 * Reads a table in key order, one bounded query per chunk (`WHERE key > last ORDER BY key
 * LIMIT n WITH TIES`), so no query returns the whole table: memory stays around one chunk
 * on a ClickHouse server and on embedded chDB (which hands over whole results) alike. A
 * table without a usable key is read in one query and must then fit in one chunk.
 */
@Injectable()
export class TableChunkReader {
  constructor(private readonly tables: TableDumpRepository) {}

  async *chunks(table: string, opts: ChunkReadOptions): AsyncGenerator<TableChunk> {
    const { key, bytesPerRow } = await this.tables.layout(table);
    let perRow = bytesPerRow;
    let after = opts.after;
    let seen = { rows: 0, bytes: 0 };
    for (let first = true; ; first = false) {
      const limit = Math.max(1, Math.min(opts.maxRows, perRow ? Math.floor(opts.maxBytes / perRow) : PROBE_ROWS));
      const text = await this.tables.readChunk(table, { format: opts.format, key, after, limit, day: opts.day });
      const chunk = splitChunk(text, opts.format);
      if (key.length === 0 && chunk.rows > opts.maxRows) {
        throw new Error(`${table} has no sorting key to read it in chunks and more than ${opts.maxRows} rows`);
      }
      const next = chunk.last === null ? after : `${chunk.header.join('\n')}\n${chunk.last}\n`;
      if (chunk.rows > 0 || (first && opts.after === null)) yield { ...chunk, text, next };
      if (key.length === 0 || chunk.rows < limit) return;
      after = next;
      seen = { rows: seen.rows + chunk.rows, bytes: seen.bytes + chunk.body.length };
      perRow = seen.bytes / seen.rows;
    }
  }
}
