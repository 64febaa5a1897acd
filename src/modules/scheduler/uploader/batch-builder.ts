import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';
import { renameDurably } from '../../../common/fs/durable-write';
import { readFileIfExists } from '../../../common/fs/read-if-exists';
import { crashPoint } from './crash-points';
import { measurementLine } from './measurement-line';
import { IndexedMeasurement, StagedBatch } from './staged-batch';

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

/** `20240101120000.123456_…` → its UTC time, for the tar entry. */
function uidTime(uid: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(uid);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : new Date(0);
}

/**
 * Writes the postcan (`.tar.gz` of the `.post` files, as received) and the JSONL file (one gzip
 * member per measurement, so that one body can be read back with a byte-range GET) of a batch,
 * streaming: only a few measurements are in memory at once.
 */
export async function buildBatch(batch: StagedBatch, incomingDir: string): Promise<BuildResult> {
  const { manifest } = batch;
  const postcanTmp = `${batch.postcanFile}.tmp`;
  const jsonlTmp = `${batch.jsonlFile}.tmp`;
  const pack = tar.pack();
  const postcanOut = fs.createWriteStream(postcanTmp);
  const postcanDone = pipeline(pack, zlib.createGzip(), postcanOut);
  postcanDone.catch(() => undefined);
  const jsonl = await fs.promises.open(jsonlTmp, 'w', 0o644);

  const prepare = async (uid: string): Promise<Prepared | null> => {
    const post = await readFileIfExists(path.join(incomingDir, manifest.spoolBucket, `${uid}.post`));
    if (post === null) return null;
    const { line, reportId, input, parsed } = measurementLine(post, uid);
    return { uid, post, member: await gzip(line), reportId, input, parsed };
  };

  const rows: IndexedMeasurement[] = [];
  let missing = 0;
  let postBytes = 0;
  let offset = 0;
  try {
    const queue: Array<Promise<Prepared | null>> = [];
    let next = 0;
    const fill = (): void => {
      while (queue.length < READ_AHEAD && next < manifest.uids.length) {
        const p = prepare(manifest.uids[next++]);
        // Awaited in order below; this only keeps an early failure from being "unhandled".
        p.catch(() => undefined);
        queue.push(p);
      }
    };
    fill();
    let linenum = 0;
    while (queue.length > 0) {
      const item = await queue.shift();
      fill();
      if (!item) {
        missing++;
        continue;
      }
      await new Promise<void>((resolve, reject) =>
        pack.entry(
          { name: `${manifest.spoolBucket}/${item.uid}.post`, size: item.post.length, mtime: uidTime(item.uid) },
          item.post,
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      await jsonl.write(item.member, 0, item.member.length, offset);
      if (item.parsed) {
        rows.push({
          measurement_uid: item.uid,
          report_id: item.reportId,
          input: item.input,
          linenum,
          byte_offset: offset,
          byte_length: item.member.length,
        });
      }
      offset += item.member.length;
      postBytes += item.post.length;
      linenum++;
      if (linenum === Math.ceil(manifest.uids.length / 2)) crashPoint('mid-build');
    }
    pack.finalize();
    await postcanDone;
    await jsonl.sync();
  } catch (err) {
    pack.destroy(err as Error);
    throw err;
  } finally {
    await jsonl.close();
  }
  await renameDurably(postcanTmp, batch.postcanFile);
  await renameDurably(jsonlTmp, batch.jsonlFile);
  // The index is the "built" marker: written last, durably (it also syncs the directory).
  await batch.writeIndex(rows);
  return { rows, missing, postBytes };
}
