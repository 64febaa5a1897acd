import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JsonlBodyReader } from './jsonl-body.reader';
import { LocalBucketStorage } from './local-bucket.storage';
import { ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

export function createObjectStorage(config: AppConfig): ObjectStorage {
  const { storage } = config;
  if (storage.driver === 'local') return new LocalBucketStorage(storage.local_path);
  return new S3Storage({
    endpoint: storage.s3.endpoint,
    region: storage.s3.region,
    bucket: storage.s3.bucket,
    forcePathStyle: storage.s3.force_path_style,
    accessKeyId: storage.s3.access_key_id,
    secretAccessKey: storage.s3.secret_access_key,
  });
}

/** Binds ObjectStorage to the configured driver. */
@Global()
@Module({
  providers: [{ provide: ObjectStorage, inject: [AppConfig], useFactory: createObjectStorage }, JsonlBodyReader],
  exports: [ObjectStorage, JsonlBodyReader],
})
export class StorageModule {}
