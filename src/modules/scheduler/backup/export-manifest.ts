/** One public CSV file of the export. */
export interface ExportFile {
  key: string;
  table: string;
  /** YYYY-MM-DD for a day of a measurement table; null for a whole table. */
  day: string | null;
  rows: number;
  /** Compressed size. */
  bytes: number;
  /** sha256 of the compressed object. */
  sha256: string;
  /** Whole tables: the table checksum when exported (unchanged: not exported again). */
  checksum?: string;
  exported: string;
}

/** `<db_export.prefix>/manifest.json`, rewritten after every file. */
export interface ExportManifest {
  version: 1;
  format: 'CSVWithNames';
  compression: 'zstd';
  updated: string;
  files: ExportFile[];
}

export const EXPORT_MANIFEST = 'manifest.json';

export function emptyExportManifest(): ExportManifest {
  return { version: 1, format: 'CSVWithNames', compression: 'zstd', updated: '', files: [] };
}

export function parseExportManifest(raw: Buffer, where: string): ExportManifest {
  const m = JSON.parse(raw.toString('utf8')) as Partial<ExportManifest>;
  if (m.version !== 1 || !Array.isArray(m.files)) throw new Error(`${where} is not a version 1 export manifest`);
  return m as ExportManifest;
}

/** Adds or replaces the entry of the same key, keeping the files sorted by key. */
export function upsertFile(manifest: ExportManifest, file: ExportFile): void {
  manifest.files = [...manifest.files.filter((f) => f.key !== file.key), file].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}
