import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidObjectKeyError, ObjectNotFoundError, ObjectStorage } from '../../src/common/storage/object-storage';
import { makeTempDir, removeDir } from './temp-dir';

/** The behaviour every ObjectStorage driver must share; run by each driver's spec. */
export function describeStorageContract(getStorage: () => ObjectStorage): void {
  it('should store and read back a whole object', async () => {
    await getStorage().put('raw/20240101/00/IT/webconnectivity/a.jsonl.gz', Buffer.from('hello world'));
    const body = await getStorage().get('raw/20240101/00/IT/webconnectivity/a.jsonl.gz');
    expect(body.toString()).toBe('hello world');
  });

  it('should read inclusive byte ranges, open-ended ones too', async () => {
    await getStorage().put('ranges/obj', '0123456789');
    expect((await getStorage().get('ranges/obj', { start: 2, end: 5 })).toString()).toBe('2345');
    expect((await getStorage().get('ranges/obj', { start: 7 })).toString()).toBe('789');
  });

  it('should upload a local file without changing its bytes', async () => {
    const dir = makeTempDir();
    try {
      const file = path.join(dir, 'blob.bin');
      const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
      fs.writeFileSync(file, bytes);
      await getStorage().putFile('files/blob.bin', file);
      expect((await getStorage().get('files/blob.bin')).equals(bytes)).toBe(true);
    } finally {
      removeDir(dir);
    }
  });

  it('should list by prefix in key order with sizes', async () => {
    await getStorage().put('list/b/2', 'bb');
    await getStorage().put('list/a/1', 'a');
    await getStorage().put('listing-other', 'x');
    await getStorage().put('list/b/10', 'ccc');
    const listed = await getStorage().list('list/');
    expect(listed).toEqual([
      { key: 'list/a/1', size: 1 },
      { key: 'list/b/10', size: 3 },
      { key: 'list/b/2', size: 2 },
    ]);
    expect((await getStorage().list('list/b/1')).map((o) => o.key)).toEqual(['list/b/10']);
  });

  it('should overwrite an existing key', async () => {
    await getStorage().put('over/key', 'first');
    await getStorage().put('over/key', 'second');
    expect((await getStorage().get('over/key')).toString()).toBe('second');
  });

  it('should delete objects, and treat deleting a missing one as done', async () => {
    await getStorage().put('del/key', 'x');
    expect(await getStorage().exists('del/key')).toBe(true);
    await getStorage().delete('del/key');
    expect(await getStorage().exists('del/key')).toBe(false);
    await expect(getStorage().delete('del/key')).resolves.toBeUndefined();
  });

  it('should raise ObjectNotFoundError for a missing key', async () => {
    await expect(getStorage().get('missing/key')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('should reject keys that escape the bucket', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a//b', 'a/./b', '']) {
      await expect(getStorage().put(key, 'x')).rejects.toBeInstanceOf(InvalidObjectKeyError);
    }
  });
}
