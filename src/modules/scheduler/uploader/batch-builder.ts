import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { renameDurably } from '../../../common/fs/durable-write';
import { readFileIfExists } from '../../../common/fs/read-if-exists';
import { BatchFilesWriter } from './batch-files.writer';
import { crashPoint } from './crash-points';
import { measurementLine } from './measurement-line';
import { BatchManifest, IndexedMeasurement, StagedBatch } from './staged-batch';

const gzip = promisify(zlib.gzip);

/** Measurements read and compressed ahead of the one being written (bounded memory, parallel gzip). */
const READ_AHEAD = 8;

export interface BuildResult {
  rows: IndexedMeasurement[];
  /** Manifest entries whose spool file was missing. */
  missing: number;
  postBytes: number;
}

interface Prepared {
  uid: string;
  post: Buffer;
  member: Buffer;
  reportId: string;
  input: string;
  parsed: boolean;
}

/** `fn` of each item, in order, with up to `depth` calls running ahead of the one consumed. */
async function* inOrderAhead<T, R>(items: readonly T[], depth: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const queue: Array<Promise<R>> = [];
  let next = 0;
  const fill = (): void => {
    while (queue.length < depth && next < items.length) {
      const p = fn(items[next++]);
      // Awaited in order below; this only keeps an early failure from being "unhandled".
      p.catch(() => undefined);
      queue.push(p);
    }
  };
  fill();
  while (queue.length > 0) {
    const item = await queue.shift()!;
    fill();
    yield item;
  }
}

/** A spooled measurement read and its JSONL line compressed; null when its spool file is gone. */
async function prepare(incomingDir: string, spoolBucket: string, uid: string): Promise<Prepared | null> {
  const post = await readFileIfExists(path.join(incomingDir, spoolBucket, `${uid}.post`));
  if (post === null) return null;
  const { line, reportId, input, parsed } = measurementLine(post, uid);
  return { uid, post, member: await gzip(line), reportId, input, parsed };
}

/** Appends every measurement of the manifest to the batch files; the `jsonl` rows of those that parse. */
async function writeMeasurements(
  manifest: BatchManifest,
  incomingDir: string,
  files: BatchFilesWriter,
): Promise<BuildResult> {
  const result: BuildResult = { rows: [], missing: 0, postBytes: 0 };
  let linenum = 0;
  const read = (uid: string): Promise<Prepared | null> => prepare(incomingDir, manifest.spoolBucket, uid);
  for await (const item of inOrderAhead(manifest.uids, READ_AHEAD, read)) {
    if (!item) {
      result.missing++;
      continue;
    }
    const span = await files.append(item.uid, item.post, item.member);
    if (item.parsed) {
      const { uid: measurement_uid, reportId: report_id, input } = item;
      result.rows.push({
        measurement_uid,
        report_id,
        input,
        linenum,
        byte_offset: span.byteOffset,
        byte_length: span.byteLength,
      });
    }
    result.postBytes += item.post.length;
    linenum++;
    if (linenum === Math.ceil(manifest.uids.length / 2)) crashPoint('mid-build');
  }
  return result;
}

/**
 * Writes the postcan (`.tar.gz` of the `.post` files, as received) and the JSONL file (one gzip
 * member per measurement, so that one body can be read back with a byte-range GET) of a batch,
 * streaming: only a few measurements are in memory at once.
 */
export async function buildBatch(batch: StagedBatch, incomingDir: string): Promise<BuildResult> {
  const postcanTmp = `${batch.postcanFile}.tmp`;
  const jsonlTmp = `${batch.jsonlFile}.tmp`;
  const files = await BatchFilesWriter.open(batch.manifest.spoolBucket, postcanTmp, jsonlTmp);
  let result: BuildResult;
  try {
    result = await writeMeasurements(batch.manifest, incomingDir, files);
    await files.finish();
  } catch (err) {
    files.abort(err as Error);
    throw err;
  } finally {
    await files.close();
  }
  await renameDurably(postcanTmp, batch.postcanFile);
  await renameDurably(jsonlTmp, batch.jsonlFile);
  // The index is the "built" marker: written last, durably (it also syncs the directory).
  await batch.writeIndex(result.rows);
  return result;
}
