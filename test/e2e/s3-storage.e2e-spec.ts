import { S3Storage } from '../../src/common/storage/s3.storage';
import { LocalS3, startLocalS3 } from '../helpers/local-s3';
import { describeStorageContract } from '../helpers/storage-contract';

describe(S3Storage.name, () => {
  let s3: LocalS3;
  let storage: S3Storage;

  beforeAll(async () => {
    s3 = await startLocalS3();
    storage = new S3Storage({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: s3.bucket,
      forcePathStyle: true,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
  });

  afterAll(async () => {
    storage.destroy();
    await s3.close();
  });

  describeStorageContract(() => storage);

  it('should list more than one page of keys', async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `paged/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((k) => storage.put(k, 'x')));
    }
    const listed = await storage.list('paged/');
    expect(listed).toHaveLength(1005);
    expect(listed[1004].key).toBe('paged/1004');
  });
});
