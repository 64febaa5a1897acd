import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../../../src/common/config/app-config';
import { encodeRecord, segmentTag } from '../../../src/common/spool/journal-segment';
import { MeasurementSpool } from '../../../src/common/spool/measurement-spool';
import { SpoolCommitter } from '../../../src/common/spool/spool-committer';
import { quietNestLogger } from '../../helpers/quiet-nest-logger';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { defaultTestConfig } from '../../helpers/test-config';

const BUCKET = '2024010203_IT_webconnectivity';
const uid = (n: number): string => `20240102030405.${String(n).padStart(6, '0')}_IT_webconnectivity_0123456789abcdef`;
const body = (n: number): Buffer => Buffer.from(`{"format":"json","content":{"n":${n}}}`);

describe(SpoolCommitter.name, () => {
  let dir: string;
  let spool: MeasurementSpool;
  const journalDir = (): string => path.join(dir, 'journal');
  const segments = (): string[] =>
    fs.existsSync(journalDir()) ? fs.readdirSync(journalDir()).filter((f) => f.endsWith('.wal')) : [];
  const committer = (groupCommit: Record<string, unknown> = {}): SpoolCommitter => {
    const config: AppConfig = defaultTestConfig({ probe_services: { group_commit: groupCommit } });
    return new SpoolCommitter(config, spool);
  };

  quietNestLogger();
  beforeEach(() => {
    dir = makeTempDir();
    spool = new MeasurementSpool(dir);
  });
  afterEach(() => removeDir(dir));

  it('should journal concurrent writes in shared groups and write each spool file before resolving', async () => {
    const c = committer();
    await c.onModuleInit();
    const appended: number[] = [];
    const realAppend = c['journal'].append.bind(c['journal']);
    jest.spyOn(c['journal'], 'append').mockImplementation(async (entries, now) => {
      appended.push(entries.length);
      await realAppend(entries, now);
    });
    await Promise.all(
      Array.from({ length: 40 }, async (_, n) => {
        await c.write(BUCKET, uid(n), body(n));
        expect(fs.readFileSync(spool.pathOf(BUCKET, uid(n))).equals(body(n))).toBe(true);
      }),
    );
    expect(appended.reduce((a, b) => a + b, 0)).toBe(40);
    expect(appended.length).toBeLessThan(40);
    expect(segments()).toHaveLength(1);
    await c.checkpointNow();
    expect(segments()).toEqual([]);
    for (let n = 0; n < 40; n++) expect(fs.readFileSync(spool.pathOf(BUCKET, uid(n))).equals(body(n))).toBe(true);
    await c.onApplicationShutdown();
  });

  it('should delete the segment once its spool files are checkpointed', async () => {
    const c = committer();
    await c.onModuleInit();
    await Promise.all([1, 2, 3].map((n) => c.write(BUCKET, uid(n), body(n))));
    expect(segments()).toHaveLength(1);
    await c.checkpointNow();
    expect(segments()).toEqual([]);
    for (const n of [1, 2, 3]) expect((await spool.read(uid(n)))?.equals(body(n))).toBe(true);
    // Writing goes on in a new segment.
    await c.write(BUCKET, uid(4), body(4));
    expect(segments()).toHaveLength(1);
    await c.onApplicationShutdown();
    expect(segments()).toEqual([]);
  });

  it("should replay a dead process's segment at start, up to its torn tail", async () => {
    fs.mkdirSync(journalDir(), { recursive: true });
    const orphan = path.join(journalDir(), '999999999.42.1700000000000000000.wal');
    const records = Buffer.concat([1, 2, 3].flatMap((n) => encodeRecord(segmentTag(orphan), uid(n), body(n))));
    fs.writeFileSync(orphan, Buffer.concat([records.subarray(0, -5), Buffer.alloc(4096)]));
    fs.mkdirSync(path.join(dir, 'incoming', BUCKET), { recursive: true });
    fs.writeFileSync(spool.pathOf(BUCKET, uid(1)), ''); // a spool file a power loss left empty
    const c = committer();
    await c.onModuleInit();
    expect((await spool.read(uid(1)))?.equals(body(1))).toBe(true);
    expect((await spool.read(uid(2)))?.equals(body(2))).toBe(true);
    expect(await spool.read(uid(3))).toBeNull();
    expect(segments()).toEqual([]);
    await c.onApplicationShutdown();
  });

  it('should replay, before an upload, the segment of a process that died after this one started', async () => {
    const c = committer();
    await c.onModuleInit();
    await c.write(BUCKET, uid(1), body(1));
    const orphan = path.join(journalDir(), '999999999.42.1700000000000000000.wal');
    fs.writeFileSync(orphan, Buffer.concat(encodeRecord(segmentTag(orphan), uid(2), body(2))));
    await c.checkpointNow();
    for (const n of [1, 2]) expect(fs.readFileSync(spool.pathOf(BUCKET, uid(n))).equals(body(n))).toBe(true);
    expect(segments()).toEqual([]);
    await c.onApplicationShutdown();
  });

  it('should reject every write of a group whose journal write fails, and go on with the next ones', async () => {
    const c = committer();
    await c.onModuleInit();
    jest.spyOn(c['journal'], 'append').mockRejectedValueOnce(new Error('No space left on device'));
    await expect(Promise.all([1, 2].map((n) => c.write(BUCKET, uid(n), body(n))))).rejects.toThrow('No space left');
    expect(await spool.read(uid(1))).toBeNull();
    await c.write(BUCKET, uid(3), body(3));
    expect((await spool.read(uid(3)))?.equals(body(3))).toBe(true);
    await c.onApplicationShutdown();
  });

  it('should write one durable file per call, without a journal, when disabled', async () => {
    const c = committer({ enabled: false });
    await c.onModuleInit();
    await c.write(BUCKET, uid(1), body(1));
    expect((await spool.read(uid(1)))?.equals(body(1))).toBe(true);
    expect(fs.existsSync(journalDir())).toBe(false);
    await c.onApplicationShutdown();
  });
});
