import { Injectable } from '@nestjs/common';
import { zstdCompress } from '../../../common/compression/zstd';
import { ChunkFormat } from './chunk-records';
import { TableChunk, TableChunkReader } from './table-chunk.reader';
import { TableDumpRepository } from './table-dump.repository';

/** The chunking settings `db_backup` and `db_export` both have. */
export interface DumpSettings {
  chunk_rows: number;
  chunk_bytes: number;
  zstd_level: number;
}

export interface DumpOptions {
  format: ChunkFormat;
  /** Continue after this cursor (a chunk's `next`); null or omitted: from the start. */
  after?: string | null;
  /** YYYY-MM-DD: only this UTC day of a day table. */
  day?: string;
  /** What of the `index`th chunk is written (default: its whole text); an empty text gives no frame. */
  text?: (chunk: TableChunk, index: number) => string;
}

export interface DumpedChunk {
  /** The chunk's text as one zstd frame. */
  frame: Buffer;
  rows: number;
  /** Cursor after this chunk (pass as `after` to continue). */
  next: string | null;
}

/**
 * Dumps a table to zstd-compressed chunks (what backup and the public export share): the
 * table read in key order, one bounded query per chunk (TableChunkReader), each chunk's text
 * compressed into one frame.
 */
@Injectable()
export class TableDumper {
  constructor(
    private readonly tables: TableDumpRepository,
    private readonly reader: TableChunkReader,
  ) {}

  /** Those of `wanted` that exist; throws naming the missing ones (`setting`: the config key that lists them). */
  async existingTables(setting: string, wanted: readonly string[]): Promise<string[]> {
    const existing = await this.tables.existing(wanted);
    const missing = wanted.filter((t) => !existing.includes(t));
    if (missing.length) throw new Error(`${setting} names missing tables: ${missing.join(', ')}`);
    return existing;
  }

  async *chunks(table: string, settings: DumpSettings, opts: DumpOptions): AsyncGenerator<DumpedChunk> {
    const { chunk_rows: maxRows, chunk_bytes: maxBytes, zstd_level: level } = settings;
    const read = { format: opts.format, maxRows, maxBytes, after: opts.after ?? null, day: opts.day };
    let index = 0;
    for await (const chunk of this.reader.chunks(table, read)) {
      const text = opts.text ? opts.text(chunk, index) : chunk.text;
      index++;
      if (text.length === 0) continue;
      yield { frame: await zstdCompress(Buffer.from(text), level), rows: chunk.rows, next: chunk.next };
    }
  }
}
