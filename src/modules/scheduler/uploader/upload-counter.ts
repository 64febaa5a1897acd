import { writeFileDurably } from '../../../common/fs/durable-write';
import { readFileIfExists } from '../../../common/fs/read-if-exists';

/**
 * The `<counter>` of file names, persisted in the spool so that names never repeat across
 * runs and restarts. A crash between `next()` and its use only leaves a gap.
 */
export class UploadCounter {
  constructor(private readonly file: string) {}

  async next(): Promise<number> {
    const raw = await readFileIfExists(this.file);
    const current = raw === null ? 0 : Number.parseInt(raw.toString('utf8').trim(), 10);
    if (!Number.isSafeInteger(current) || current < 0) throw new Error(`corrupt upload counter in ${this.file}`);
    await writeFileDurably(this.file, `${current + 1}\n`);
    return current;
  }
}
