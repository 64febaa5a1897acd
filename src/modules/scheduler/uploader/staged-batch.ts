import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncPath, writeFileDurably } from '../../../common/fs/durable-write';
import { pathExists } from '../../../common/fs/path-exists';
import { readFileIfExists } from '../../../common/fs/read-if-exists';

/** What a batch is made of, fixed before anything is built: the unit of crash recovery. */
export interface BatchManifest {
  version: 1;
  /** `<YYYYMMDDHH>_<CC>_<testname>.n<host_id>.<counter>` */
  name: string;
  /** The spool directory the measurements are in: `<YYYYMMDDHH>_<CC>_<testname>`. */
  spoolBucket: string;
  hour: string;
  cc: string;
  testName: string;
  postcanKey: string;
  jsonlKey: string;
  uids: string[];
}

/** One `jsonl` row, and where its gzip member lies in the JSONL file. */
export interface IndexedMeasurement {
  measurement_uid: string;
  report_id: string;
  input: string;
  linenum: number;
  byte_offset: number;
  byte_length: number;
}

type Marker = 'uploaded' | 'indexed';

/**
 * The staging directory `outgoing/<name>/` of one batch. Progress is recorded by files that
 * appear atomically: `manifest.json` (claimed), `index.jsonl` (built: postcan and JSONL file
 * complete), `uploaded`, `indexed`. Each step is redone from its start after a crash.
 */
export class StagedBatch {
  readonly postcanFile: string;
  readonly jsonlFile: string;
  private readonly indexFile: string;

  private constructor(
    readonly dir: string,
    readonly manifest: BatchManifest,
  ) {
    this.postcanFile = path.join(dir, 'postcan.tar.gz');
    this.jsonlFile = path.join(dir, 'measurements.jsonl.gz');
    this.indexFile = path.join(dir, 'index.jsonl');
  }

  static async create(outgoing: string, manifest: BatchManifest): Promise<StagedBatch> {
    const dir = path.join(outgoing, manifest.name);
    await fs.promises.mkdir(dir, { recursive: true });
    await fsyncPath(outgoing);
    await writeFileDurably(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    return new StagedBatch(dir, manifest);
  }

  /** Null when the manifest never got written (crash while claiming) or is gone (crash while cleaning up). */
  static async load(dir: string): Promise<StagedBatch | null> {
    const raw = await readFileIfExists(path.join(dir, 'manifest.json'));
    if (raw === null) return null;
    return new StagedBatch(dir, JSON.parse(raw.toString('utf8')) as BatchManifest);
  }

  async isBuilt(): Promise<boolean> {
    return pathExists(this.indexFile);
  }

  async writeIndex(rows: IndexedMeasurement[]): Promise<void> {
    await writeFileDurably(this.indexFile, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  async readIndex(): Promise<IndexedMeasurement[]> {
    const raw = await fs.promises.readFile(this.indexFile, 'utf8');
    return raw
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as IndexedMeasurement);
  }

  async has(marker: Marker): Promise<boolean> {
    return pathExists(path.join(this.dir, marker));
  }

  async mark(marker: Marker): Promise<void> {
    await writeFileDurably(path.join(this.dir, marker), '');
  }

  /** The manifest goes first: a half-removed batch must never look like one to rebuild. */
  async remove(): Promise<void> {
    await fs.promises.rm(path.join(this.dir, 'manifest.json'), { force: true });
    await fsyncPath(this.dir);
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}
