import { compress, init } from '@bokuweb/zstd-wasm';
import { decompress } from 'fzstd';

let ready: Promise<void> | null = null;

/** zstd-compresses a buffer (WebAssembly build of the reference library, loaded once). */
export async function zstdCompress(data: Buffer, level = 3): Promise<Buffer> {
  ready ??= init();
  await ready;
  return Buffer.from(compress(data, level));
}

/** Decompresses a whole zstd frame (pure-JS decoder). */
export function zstdDecompress(data: Buffer): Buffer {
  return Buffer.from(decompress(data));
}
