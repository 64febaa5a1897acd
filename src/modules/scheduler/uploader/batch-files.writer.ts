import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';

/** Where one gzip member was written in the JSONL file. */
export interface MemberSpan {
  byteOffset: number;
  byteLength: number;
}

/** `20240101120000.123456_…` → its UTC time, for the tar entry. */
function uidTime(uid: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(uid);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : new Date(0);
}

/**
 * The two files of a batch being written side by side, streaming: the postcan (a `.tar.gz` of
 * the `.post` files) and the JSONL file (one gzip member per measurement, appended).
 */
export class BatchFilesWriter {
  private readonly pack = tar.pack();
  private readonly postcanDone: Promise<void>;
  private offset = 0;

  private constructor(
    private readonly spoolBucket: string,
    postcanPath: string,
    private readonly jsonl: fs.promises.FileHandle,
  ) {
    this.postcanDone = pipeline(this.pack, zlib.createGzip(), fs.createWriteStream(postcanPath));
    this.postcanDone.catch(() => undefined);
  }

  static async open(spoolBucket: string, postcanPath: string, jsonlPath: string): Promise<BatchFilesWriter> {
    return new BatchFilesWriter(spoolBucket, postcanPath, await fs.promises.open(jsonlPath, 'w', 0o644));
  }

  /** Adds the probe's POST body to the postcan and its JSONL gzip member to the JSONL file. */
  async append(uid: string, post: Buffer, member: Buffer): Promise<MemberSpan> {
    await new Promise<void>((resolve, reject) =>
      this.pack.entry(
        { name: `${this.spoolBucket}/${uid}.post`, size: post.length, mtime: uidTime(uid) },
        post,
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    const byteOffset = this.offset;
    await this.jsonl.write(member, 0, member.length, byteOffset);
    this.offset += member.length;
    return { byteOffset, byteLength: member.length };
  }

  /** Ends the postcan and syncs the JSONL file. */
  async finish(): Promise<void> {
    this.pack.finalize();
    await this.postcanDone;
    await this.jsonl.sync();
  }

  abort(err: Error): void {
    this.pack.destroy(err);
  }

  close(): Promise<void> {
    return this.jsonl.close();
  }
}
