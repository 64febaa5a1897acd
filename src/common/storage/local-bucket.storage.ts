import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { TEMP_SUFFIX_RE, writeDurablyWith } from '../fs/durable-write';
import { assertValidKey, ByteRange, ObjectNotFoundError, ObjectStorage, StoredObject } from './object-storage';

/** A directory standing in for the S3 bucket (embedded default). Writes are durable atomic renames. */
export class LocalBucketStorage extends ObjectStorage {
  constructor(private readonly root: string) {
    super();
    fs.mkdirSync(root, { recursive: true });
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  /** Durable before it resolves (file and directory synced): the uploader deletes spool copies next. */
  private async writeDurably(key: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const dest = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    await writeDurablyWith(dest, write);
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.writeDurably(key, (tmp) => fs.promises.writeFile(tmp, body, { flag: 'wx' }));
  }

  async putFile(key: string, filePath: string): Promise<void> {
    await this.writeDurably(key, (tmp) =>
      pipeline(fs.createReadStream(filePath), fs.createWriteStream(tmp, { flags: 'wx' })),
    );
  }

  async get(key: string, range?: ByteRange): Promise<Buffer> {
    const file = this.pathOf(key);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectNotFoundError(key);
      throw err;
    }
    try {
      if (!range) return await handle.readFile();
      const { size } = await handle.stat();
      const end = Math.min(range.end ?? size - 1, size - 1);
      const length = Math.max(0, end - range.start + 1);
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, range.start);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const entry of entries) {
        const key = rel ? `${rel}/${entry.name}` : entry.name;
        // Only descend where the prefix can still match.
        if (!key.startsWith(prefix) && !prefix.startsWith(`${key}/`)) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full, key);
        else if (entry.isFile() && !TEMP_SUFFIX_RE.test(entry.name)) {
          out.push({ key, size: (await fs.promises.stat(full)).size });
        }
      }
    };
    await walk(this.root, '');
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }
}
