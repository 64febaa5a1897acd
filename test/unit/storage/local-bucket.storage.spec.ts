import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalBucketStorage } from '../../../src/common/storage/local-bucket.storage';
import { recordFsOps } from '../../helpers/fs-ops';
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

  it('should have the file and its directory synced before put resolves', async () => {
    const rec = recordFsOps(dir);
    try {
      await storage.put('raw/20240101/00/IT/x.jsonl.gz', 'data');
    } finally {
      rec.restore();
    }
    expect(rec.ops[0]).toMatch(/^sync raw\/20240101\/00\/IT\/x\.jsonl\.gz\.tmp-/);
    expect(rec.ops.slice(1, 3)).toEqual(['rename raw/20240101/00/IT/x.jsonl.gz', 'sync raw/20240101/00/IT']);
  });

  it('should sync a file copied with putFile before it is visible', async () => {
    const src = path.join(dir, 'src.bin');
    fs.writeFileSync(src, Buffer.alloc(100_000, 7));
    const rec = recordFsOps(dir);
    try {
      await storage.putFile('raw/y.tar.gz', src);
    } finally {
      rec.restore();
    }
    expect(rec.ops.slice(1, 3)).toEqual(['rename raw/y.tar.gz', 'sync raw']);
    expect(fs.readFileSync(path.join(dir, 'raw', 'y.tar.gz')).equals(fs.readFileSync(src))).toBe(true);
  });
});
