import { stringify } from 'csv-stringify/sync';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { CitizenlabEntry } from '../../prio/prio.types';

/** Name of the last successfully imported list under `citizenlab.workdir`. */
export const TEST_LIST_SNAPSHOT_FILE = 'test-lists-snapshot.csv.gz';

/**
 * Keeps the list of the last successful update in the bundled snapshot's format
 * (`domain,url,cc,category_code`, gzip), so that it, not the older bundled copy, seeds an
 * empty table and serves probes when the database cannot be read. Written to a temp file
 * and renamed: readers never see half a file.
 */
export async function writeTestListSnapshot(workdir: string, entries: readonly CitizenlabEntry[]): Promise<string> {
  const csv = stringify(entries as CitizenlabEntry[], {
    header: true,
    columns: ['domain', 'url', 'cc', 'category_code'],
  });
  const file = path.join(workdir, TEST_LIST_SNAPSHOT_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, await promisify(zlib.gzip)(csv));
  await fs.rename(tmp, file);
  return file;
}
