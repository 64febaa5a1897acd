import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalBucketStorage } from '../../../src/common/storage/local-bucket.storage';
import { describeStorageContract } from '../../helpers/storage-contract';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

describe(LocalBucketStorage.name, () => {
  let dir: string;
  let storage: LocalBucketStorage;

  beforeEach(() => {
    dir = makeTempDir('ooni-bucket-');
    storage = new LocalBucketStorage(dir);
  });
  afterEach(() => removeDir(dir));

  describeStorageContract(() => storage);

  it('should keep objects as plain files under the bucket directory', async () => {
    await storage.put('raw/20240101/x.tar.gz', 'data');
    expect(fs.readFileSync(path.join(dir, 'raw', '20240101', 'x.tar.gz'), 'utf8')).toBe('data');
  });

  it('should not list temporary files of writes in progress', async () => {
    fs.mkdirSync(path.join(dir, 'raw'));
    fs.writeFileSync(path.join(dir, 'raw', 'x.tmp-0123456789ab'), 'partial');
    await storage.put('raw/y', 'done');
    expect((await storage.list('raw/')).map((o) => o.key)).toEqual(['raw/y']);
  });
});
