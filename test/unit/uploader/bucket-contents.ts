import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';

/** Entries of a `.tar.gz`: name → content. */
export async function untarGz(data: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  Readable.from([zlib.gunzipSync(data)]).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    out.set(entry.header.name, Buffer.concat(chunks));
  }
  return out;
}

/** Lines of a (multi-member) `.jsonl.gz` as text, without their newlines. */
export function jsonlTexts(data: Buffer): string[] {
  return zlib
    .gunzipSync(data)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
}
