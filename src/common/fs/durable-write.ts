import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Suffix of the temporary files written here: `<file>.tmp-<12 hex digits>`. */
export const TEMP_SUFFIX_RE = /\.tmp-[0-9a-f]{12}$/;

/** A fresh temporary name next to `file` (same directory, so the rename is atomic). */
export function tempPathFor(file: string): string {
  return `${file}.tmp-${randomBytes(6).toString('hex')}`;
}

/** fsync of a file or a directory (a directory's entries are durable only once it is synced). */
export async function fsyncPath(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Renames `from` to `to` so that, once this resolves, `to` survives a crash or power
 * loss with all its bytes: the file is synced first, then the directories.
 */
export async function renameDurably(from: string, to: string): Promise<void> {
  await fsyncPath(from);
  await fs.promises.rename(from, to);
  await fsyncPath(path.dirname(to));
  if (path.dirname(from) !== path.dirname(to)) await fsyncPath(path.dirname(from));
}

/**
 * Produces `file` through a temporary file that `write` fills: temp, fsync, rename,
 * directory fsync. Readers never see half a file; after this resolves the file is durable.
 * The temporary file is removed when anything fails.
 */
export async function writeDurablyWith(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    await write(tmp);
    await renameDurably(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** Temp file, write, fsync, rename, directory fsync: `file` is durable once this resolves. */
export async function writeFileDurably(file: string, data: Buffer | string, mode = 0o644): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    const handle = await fs.promises.open(tmp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  await fsyncPath(path.dirname(file));
}
