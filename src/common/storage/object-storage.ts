export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive; omitted means to the end of the object. */
  end?: number;
}

export interface StoredObject {
  key: string;
  size: number;
}

export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(readonly key: string) {
    super(`object not found: ${key}`);
  }
}

export class InvalidObjectKeyError extends Error {
  override readonly name = 'InvalidObjectKeyError';
}

/**
 * The data bucket (postcans, JSONL files, exports). Injected by this abstract class;
 * the StorageModule binds the local-directory or the S3 driver from config.
 */
export abstract class ObjectStorage {
  abstract put(key: string, body: Buffer | string): Promise<void>;
  /** Uploads a local file without loading it in memory. */
  abstract putFile(key: string, filePath: string): Promise<void>;
  /** Reads a whole object or an inclusive byte range of it. */
  abstract get(key: string, range?: ByteRange): Promise<Buffer>;
  /** Every object whose key starts with `prefix`, sorted by key. */
  abstract list(prefix: string): Promise<StoredObject[]>;
  /** Deleting a missing object is not an error. */
  abstract delete(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
}

/** Keys are relative, '/'-separated and never escape the bucket. */
export function assertValidKey(key: string): void {
  if (
    key.length === 0 ||
    key.length > 1024 ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0') ||
    key.split('/').some((part) => part === '..' || part === '.' || part === '')
  ) {
    throw new InvalidObjectKeyError(`invalid object key: ${JSON.stringify(key)}`);
  }
}
