import { parse } from 'csv-parse';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { ASSETS_DIR } from '../../common/project-paths';
import { normalizeCc } from './prio.ranking';
import { CitizenlabEntry } from './prio.types';

/** The CitizenLab test lists bundled with the API (built by scripts/build-citizenlab-snapshot.js). */
export const CITIZENLAB_SNAPSHOT_PATH = path.join(ASSETS_DIR, 'citizenlab-snapshot.csv.gz');

/**
 * The list to fall back on: the first of `files` that exists. The server passes the last list
 * the CitizenLab updater imported, then the bundled one: once an update has succeeded, the
 * bundled copy is no longer used.
 */
export function currentSnapshot(files: readonly string[] = [CITIZENLAB_SNAPSHOT_PATH]): string {
  return files.find((f) => fs.existsSync(f)) ?? CITIZENLAB_SNAPSHOT_PATH;
}

interface SnapshotRow {
  domain?: string;
  url?: string;
  cc?: string;
  category_code?: string;
}

/** Streams the snapshot in batches of `batchSize` rows, without holding the whole file in memory. */
export async function* readCitizenlabSnapshot(
  file: string = CITIZENLAB_SNAPSHOT_PATH,
  batchSize = 5000,
): AsyncGenerator<CitizenlabEntry[]> {
  const parser = parse({ columns: true });
  // pipeline() (unlike pipe()) hands a read or gunzip error to the parser, whose iteration
  // below then throws it, instead of an unhandled 'error' event killing the process.
  pipeline(fs.createReadStream(file), zlib.createGunzip(), parser, () => undefined);
  let batch: CitizenlabEntry[] = [];
  for await (const row of parser as AsyncIterable<SnapshotRow>) {
    if (!row.url || !row.cc || !row.category_code) continue;
    batch.push({ domain: row.domain ?? '', url: row.url, cc: normalizeCc(row.cc), category_code: row.category_code });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The whole snapshot in memory (about 40k rows). */
export async function loadCitizenlabSnapshot(file: string = CITIZENLAB_SNAPSHOT_PATH): Promise<CitizenlabEntry[]> {
  const out: CitizenlabEntry[] = [];
  for await (const batch of readCitizenlabSnapshot(file)) out.push(...batch);
  return out;
}
