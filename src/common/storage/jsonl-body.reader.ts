import { Injectable } from '@nestjs/common';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { ObjectStorage } from './object-storage';

const gunzip = promisify(zlib.gunzip);

/** Upper bound of one decompressed measurement (the submission limit is 64 MiB). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/**
 * Reads one measurement from a JSONL file of the data bucket, by the `byte_offset` and
 * `byte_length` of its `jsonl` row: a ranged GET of its own gzip member, nothing else.
 */
@Injectable()
export class JsonlBodyReader {
  constructor(private readonly storage: ObjectStorage) {}

  /** The measurement's JSON line (without the newline). */
  async read(s3path: string, byteOffset: number, byteLength: number): Promise<Buffer> {
    if (!Number.isSafeInteger(byteOffset) || byteOffset < 0 || !Number.isSafeInteger(byteLength) || byteLength <= 0) {
      throw new RangeError(`invalid byte range ${byteOffset}+${byteLength}`);
    }
    const member = await this.storage.get(s3path, { start: byteOffset, end: byteOffset + byteLength - 1 });
    if (member.length !== byteLength) throw new RangeError(`${s3path} is shorter than ${byteOffset}+${byteLength}`);
    const line = await gunzip(member, { maxOutputLength: MAX_BODY_BYTES });
    return line[line.length - 1] === 0x0a ? line.subarray(0, line.length - 1) : line;
  }
}
