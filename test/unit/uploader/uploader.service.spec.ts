import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { MeasurementSpool } from '../../../src/common/spool/measurement-spool';
import { SpoolJournal } from '../../../src/common/spool/spool-journal';
import { SpoolReconciler } from '../../../src/common/spool/spool-reconciler';
import { JsonlBodyReader } from '../../../src/common/storage/jsonl-body.reader';
import { LocalBucketStorage } from '../../../src/common/storage/local-bucket.storage';
import { JsonlIndexService } from '../../../src/modules/jsonl-index/jsonl-index.service';
import { JsonlRow } from '../../../src/modules/jsonl-index/jsonl.repository';
import { SpoolLock, SpoolLockedError } from '../../../src/modules/scheduler/uploader/spool-lock';
import { UploaderOptions } from '../../../src/modules/scheduler/uploader/uploader.options';
import { UploaderService } from '../../../src/modules/scheduler/uploader/uploader.service';
import { loadMeasurement } from '../../helpers/fixtures';
import { quietNestLogger } from '../../helpers/quiet-nest-logger';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { jsonlTexts, untarGz } from './bucket-contents';

class MemoryJsonl {
  rows: JsonlRow[] = [];
  failAfter = Infinity;
  insert(rows: JsonlRow[]): Promise<void> {
    if (this.failAfter-- <= 0) return Promise.reject(new Error('clickhouse went away'));
    this.rows.push(...rows);
    return Promise.resolve();
  }
  indexedUids(s3path: string, reportIds: string[]): Promise<Set<string>> {
    const rids = new Set(reportIds);
    return Promise.resolve(
      new Set(this.rows.filter((r) => r.s3path === s3path && rids.has(r.report_id)).map((r) => r.measurement_uid)),
    );
  }
}

/** Stands in for the spool reconciliation: records what it was asked to score, or fails. */
class RecordingReconciler {
  checked: string[] = [];
  failing = false;
  ensureScored(_bucket: string, uids: string[]): Promise<number> {
    if (this.failing) return Promise.reject(new Error('clickhouse rejects inserts'));
    this.checked.push(...uids);
    return Promise.resolve(0);
  }
}

const noMetrics = {
  component: () => ({ increment: () => undefined, gauge: () => undefined, timing: () => undefined }),
} as unknown as MetricsService;

const NOW = new Date('2024-03-05T12:30:00Z');

describe(UploaderService.name, () => {
  let dir: string;
  let spool: MeasurementSpool;
  let bucket: LocalBucketStorage;
  let db: MemoryJsonl;
  let options: UploaderOptions;
  let reconciler: RecordingReconciler;

  const uploader = (over: Partial<UploaderOptions> = {}, storage = bucket): UploaderService =>
    new UploaderService(
      { ...options, ...over },
      storage,
      db as unknown as JsonlIndexService,
      reconciler as unknown as SpoolReconciler,
      noMetrics,
    );

  const bodies = new Map<string, Buffer>();
  let seq = 0;
  async function spoolOne(hour: string, cc = 'IT', testName = 'webconnectivity', extra: object = {}): Promise<string> {
    const content = { ...loadMeasurement('web_connectivity_null.json'), report_id: `rid-${seq % 3}`, n: seq, ...extra };
    const body = Buffer.from(JSON.stringify({ format: 'json', content }));
    const uid = `${hour}0000.${String(seq++).padStart(6, '0')}_${cc}_${testName}_0123456789abcdef`;
    await spool.write(MeasurementSpool.bucketName(hour, cc, testName), uid, body);
    bodies.set(uid, body);
    return uid;
  }
  /** The content as the probe sent it (the body was written by JSON.stringify). */
  const contentText = (uid: string): string =>
    JSON.stringify((JSON.parse(bodies.get(uid)!.toString()) as { content: unknown }).content);
  const spooledPosts = (): string[] =>
    fs.existsSync(spool.incoming)
      ? fs.readdirSync(spool.incoming, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.post'))
      : [];

  quietNestLogger();

  beforeEach(() => {
    dir = makeTempDir();
    spool = new MeasurementSpool(path.join(dir, 'spool'));
    bucket = new LocalBucketStorage(path.join(dir, 'bucket'));
    db = new MemoryJsonl();
    reconciler = new RecordingReconciler();
    options = {
      cron: '5 * * * *',
      enabled: true,
      host_id: '3',
      testbed: false,
      max_batch_measurements: 1000,
      max_batch_bytes: 1 << 30,
      insert_batch_size: 2,
      spool_dir: spool.root,
    };
    bodies.clear();
  });
  afterEach(() => removeDir(dir));

  it('should upload closed hours as a postcan and a JSONL file per hour, country and test, then index and unspool them', async () => {
    const a = [await spoolOne('2024030510'), await spoolOne('2024030510')];
    const b = [await spoolOne('2024030511', 'US', 'ndt')];
    const open = await spoolOne('2024030512');

    const summary = await uploader().run({ now: NOW });
    expect(summary).toMatchObject({ batches: 2, measurements: 3, resumed_batches: 0, testbed: false });

    const keys = (await bucket.list('')).map((o) => o.key);
    expect(keys).toEqual([
      'raw/20240305/10/IT/webconnectivity/2024030510_IT_webconnectivity.n3.0.jsonl.gz',
      'raw/20240305/10/IT/webconnectivity/2024030510_IT_webconnectivity.n3.0.tar.gz',
      'raw/20240305/11/US/ndt/2024030511_US_ndt.n3.1.jsonl.gz',
      'raw/20240305/11/US/ndt/2024030511_US_ndt.n3.1.tar.gz',
    ]);
    const can = await untarGz(await bucket.get(keys[1]));
    expect([...can.keys()]).toEqual(a.map((uid) => `2024030510_IT_webconnectivity/${uid}.post`));
    for (const uid of a) {
      expect(can.get(`2024030510_IT_webconnectivity/${uid}.post`)?.equals(bodies.get(uid)!)).toBe(true);
    }

    // One line per measurement, in postcan order: the probe's content as sent, nothing added.
    const lines = jsonlTexts(await bucket.get(keys[0]));
    expect(lines).toEqual(a.map(contentText));

    expect(db.rows.map((r) => r.measurement_uid).sort()).toEqual([...a, ...b].sort());
    const reader = new JsonlBodyReader(bucket);
    for (const row of db.rows) {
      expect(row.date).toBe('2024-03-05');
      expect(row.source).toBe('n3');
      expect(row.s3path.endsWith('.jsonl.gz')).toBe(true);
      const body = (await reader.read(row.s3path, row.byte_offset, row.byte_length)).toString();
      expect(body).toBe(contentText(row.measurement_uid));
      expect((JSON.parse(body) as { report_id: string }).report_id).toBe(row.report_id);
      expect(lines.concat(jsonlTexts(await bucket.get(keys[2])))[row.linenum + (row.s3path === keys[2] ? 2 : 0)]).toBe(
        body,
      );
    }
    // The open hour waits; closed hours' directories stay until nothing can arrive there.
    expect(spooledPosts()).toEqual([`2024030512_IT_webconnectivity/${open}.post`]);
    expect(fs.readdirSync(path.join(spool.root, 'outgoing'))).toEqual([]);

    const flush = await uploader().run({ now: NOW, all: true });
    expect(flush.measurements).toBe(1);
    expect(spooledPosts()).toEqual([]);
    // A later run over the same hour never reuses a name. (A new spool object: the directory is gone.)
    spool = new MeasurementSpool(spool.root);
    await spoolOne('2024030510');
    await uploader().run({ now: new Date('2024-03-05T15:00:00Z') });
    expect((await bucket.list('raw/20240305/10/')).map((o) => o.key)).toContain(
      'raw/20240305/10/IT/webconnectivity/2024030510_IT_webconnectivity.n3.3.tar.gz',
    );
    expect(fs.existsSync(path.join(spool.incoming, '2024030510_IT_webconnectivity'))).toBe(false);
  });

  it('should cut big hours into several batches', async () => {
    for (let i = 0; i < 5; i++) await spoolOne('2024030510');
    const summary = await uploader({ max_batch_measurements: 2 }).run({ now: NOW });
    expect(summary.batches).toBe(3);
    expect((await bucket.list('')).filter((o) => o.key.endsWith('.tar.gz'))).toHaveLength(3);
    expect(db.rows).toHaveLength(5);
  });

  it("should leave a measurement still in another process's journal segment for a later run", async () => {
    const [journaled, plain] = [await spoolOne('2024030510'), await spoolOne('2024030510')];
    const journal = new SpoolJournal(spool.root, { segment_max_bytes: 1 << 20, segment_max_age_ms: 60_000 });
    await journal.append([{ bucket: '2024030510_IT_webconnectivity', uid: journaled, body: bodies.get(journaled)! }]);
    expect((await uploader().run({ now: NOW })).measurements).toBe(1);
    expect(db.rows.map((r) => r.measurement_uid)).toEqual([plain]);
    expect(spooledPosts()).toEqual([`2024030510_IT_webconnectivity/${journaled}.post`]);
    // Checkpointed (the segment is gone): the next run takes it.
    const closed = await journal.close();
    await journal.retire(closed!.file);
    expect((await uploader().run({ now: NOW })).measurements).toBe(1);
    expect(spooledPosts()).toEqual([]);
  });

  it('should finish a failed run in the next one without duplicating rows or objects', async () => {
    const uids = [await spoolOne('2024030510'), await spoolOne('2024030510'), await spoolOne('2024030510')];
    db.failAfter = 1;
    await expect(uploader().run({ now: NOW })).rejects.toThrow('clickhouse went away');
    expect(db.rows).toHaveLength(2);
    expect(spooledPosts()).toHaveLength(3);
    // New measurements meanwhile go to a new batch, after the interrupted one.
    const late = await spoolOne('2024030510');

    db.failAfter = Infinity;
    const summary = await uploader().run({ now: NOW });
    expect(summary).toMatchObject({ resumed_batches: 1, batches: 2, measurements: 4 });
    expect(db.rows.map((r) => r.measurement_uid).sort()).toEqual([...uids, late].sort());
    expect(spooledPosts()).toEqual([]);
    const cans = (await bucket.list('')).filter((o) => o.key.endsWith('.tar.gz'));
    expect(cans).toHaveLength(2);
  });

  it('should finish a run whose upload failed, re-uploading the same files', async () => {
    await spoolOne('2024030510');
    const failing = new LocalBucketStorage(path.join(dir, 'bucket'));
    jest.spyOn(failing, 'putFile').mockRejectedValueOnce(new Error('S3 is down'));
    await expect(uploader({}, failing).run({ now: NOW })).rejects.toThrow('S3 is down');
    expect(await bucket.list('')).toEqual([]);
    expect(db.rows).toEqual([]);
    await uploader().run({ now: NOW });
    expect((await bucket.list('')).map((o) => o.key.split('/').pop())).toEqual([
      '2024030510_IT_webconnectivity.n3.0.jsonl.gz',
      '2024030510_IT_webconnectivity.n3.0.tar.gz',
    ]);
    expect(db.rows).toHaveLength(1);
  });

  it('should never overwrite an object already in the bucket (counter lost with the spool)', async () => {
    await bucket.put('raw/20240305/10/IT/webconnectivity/2024030510_IT_webconnectivity.n3.0.tar.gz', 'old');
    await spoolOne('2024030510');
    await uploader().run({ now: NOW });
    expect(
      (await bucket.get('raw/20240305/10/IT/webconnectivity/2024030510_IT_webconnectivity.n3.0.tar.gz')).toString(),
    ).toBe('old');
    expect(await bucket.exists('raw/20240305/10/IT/webconnectivity/2024030510_IT_webconnectivity.n3.1.jsonl.gz')).toBe(
      true,
    );
  });

  it('should build and discard in testbed mode: nothing uploaded nor indexed', async () => {
    await spoolOne('2024030510');
    const summary = await uploader({ testbed: true }).run({ now: NOW });
    expect(summary).toMatchObject({ testbed: true, batches: 1, measurements: 1 });
    expect(summary.postcan_bytes).toBeGreaterThan(0);
    expect(await bucket.list('')).toEqual([]);
    expect(db.rows).toEqual([]);
    expect(spooledPosts()).toEqual([]);
  });

  it('should refuse to run while another uploader holds the spool, and one run at a time in a process', async () => {
    await spoolOne('2024030510');
    const other = new SpoolLock(path.join(spool.root, 'uploader.lock'));
    fs.mkdirSync(spool.root, { recursive: true });
    await other.acquire();
    await expect(uploader().run({ now: NOW })).rejects.toBeInstanceOf(SpoolLockedError);
    expect(spooledPosts()).toHaveLength(1);
    await other.release();

    const u = uploader();
    const first = u.run({ now: NOW });
    await expect(u.run({ now: NOW })).rejects.toThrow(/already running/);
    await first;
    expect(spooledPosts()).toEqual([]);
  });

  it('should write JSONL members that each decompress alone and together', async () => {
    await spoolOne('2024030510');
    await spoolOne('2024030510');
    await uploader().run({ now: NOW });
    const key = (await bucket.list('')).find((o) => o.key.endsWith('.jsonl.gz'))!.key;
    const file = await bucket.get(key);
    const [r0, r1] = [...db.rows].sort((x, y) => x.linenum - y.linenum);
    expect(r0.byte_offset).toBe(0);
    expect(r1.byte_offset).toBe(r0.byte_length);
    expect(r1.byte_offset + r1.byte_length).toBe(file.length);
    const second = zlib.gunzipSync(file.subarray(r1.byte_offset)).toString();
    expect(second).toBe(`${contentText(r1.measurement_uid)}\n`);
  });

  it('should have every measurement scored before deleting its spool file, and keep the files when that fails', async () => {
    const uids = [await spoolOne('2024030510'), await spoolOne('2024030510')];
    reconciler.failing = true;
    await expect(uploader().run({ now: NOW })).rejects.toThrow('clickhouse rejects inserts');
    // Uploaded and indexed, but not unspooled: the staged batch waits for the next run.
    expect(spooledPosts().sort()).toEqual(uids.map((u) => `2024030510_IT_webconnectivity/${u}.post`).sort());
    expect(fs.readdirSync(path.join(spool.root, 'outgoing'))).toHaveLength(1);

    reconciler.failing = false;
    const summary = await uploader().run({ now: NOW });
    expect(summary).toMatchObject({ batches: 1, resumed_batches: 1, measurements: 2 });
    expect(reconciler.checked.sort()).toEqual([...uids].sort());
    expect(spooledPosts()).toEqual([]);
    // Published and indexed once.
    expect((await bucket.list('raw/')).filter((o) => o.key.endsWith('.tar.gz'))).toHaveLength(1);
    expect(db.rows.map((r) => r.measurement_uid).sort()).toEqual([...uids].sort());
  });
});
