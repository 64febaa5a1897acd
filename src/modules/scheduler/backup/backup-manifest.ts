/** One compressed chunk of a table dump in the bucket. */
export interface BackupChunk {
  key: string;
  rows: number;
  /** Compressed size. */
  bytes: number;
  /** sha256 of the compressed object. */
  sha256: string;
}

export interface BackupTable {
  name: string;
  /** Rows written to the chunks. */
  rows: number;
  /** Table digest and row count read just before the dump (equal rows: the table did not change meanwhile). */
  checksum: string;
  checksum_rows: number;
  chunks: BackupChunk[];
}

/** `<prefix>/manifest.json`, written last: a backup without it is unfinished. */
export interface BackupManifest {
  version: 1;
  format: string;
  compression: 'zstd';
  started: string;
  finished: string;
  tables: BackupTable[];
}

/** A table partly dumped: its chunks so far and the cursor after the last one. */
export interface TableInProgress extends BackupTable {
  next: string | null;
}

/**
 * `<prefix>/progress.json` of an unfinished backup, rewritten after every chunk: the tables
 * complete and the one being dumped, from which a rerun continues.
 */
export interface BackupProgress {
  started: string;
  tables: BackupTable[];
  current?: TableInProgress;
}

export const MANIFEST = 'manifest.json';
export const PROGRESS = 'progress.json';

export function parseManifest(raw: Buffer, where: string): BackupManifest {
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(raw.toString('utf8')) as Partial<BackupManifest>;
  } catch {
    throw new Error(`${where} is not JSON`);
  }
  if (m.version !== 1 || m.compression !== 'zstd' || !Array.isArray(m.tables)) {
    throw new Error(`${where} is not a version 1 zstd backup manifest`);
  }
  return m as BackupManifest;
}
