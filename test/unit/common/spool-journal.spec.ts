import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeRecords, encodeRecord, readSegmentUids, segmentTag } from '../../../src/common/spool/journal-segment';
import { JournalUidIndex } from '../../../src/common/spool/journal-uid-index';
import { SpoolJournal } from '../../../src/common/spool/spool-journal';
import { loadMeasurement } from '../../helpers/fixtures';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const uid = (n: number): string => `20240102030405.${String(n).padStart(6, '0')}_IT_webconnectivity_0123456789abcdef`;
const BUCKET = '2024010203_IT_webconnectivity';
const body = (n: number): Buffer =>
  Buffer.from(JSON.stringify({ format: 'json', content: { ...loadMeasurement('report1.json'), n } }));
const LIMITS = { segment_max_bytes: 1 << 20, segment_max_age_ms: 60_000 };

describe('journal records', () => {
  const TAG = segmentTag('1.2.3.wal');
  const data = Buffer.concat([1, 2, 3].flatMap((n) => encodeRecord(TAG, uid(n), body(n))));

  it('should decode what was encoded, in order, bodies byte for byte', () => {
    const records = decodeRecords(data, TAG);
    expect(records.map((r) => r.uid)).toEqual([uid(1), uid(2), uid(3)]);
    records.forEach((r, i) => expect(r.body.equals(body(i + 1))).toBe(true));
  });

  it('should stop at a torn record: a group whose write never completed', () => {
    expect(decodeRecords(data.subarray(0, data.length - 10), TAG).map((r) => r.uid)).toEqual([uid(1), uid(2)]);
    expect(decodeRecords(data.subarray(0, 5), TAG)).toEqual([]);
  });

  it('should stop at a record whose checksum does not match', () => {
    const damaged = Buffer.from(data);
    const second = data.indexOf(Buffer.from(uid(2)));
    damaged[second + uid(2).length + 20] ^= 0xff;
    expect(decodeRecords(damaged, TAG).map((r) => r.uid)).toEqual([uid(1)]);
  });

  it("should ignore another segment's records: a recycled file's stale ones, or zeros", () => {
    expect(decodeRecords(data, segmentTag('1.2.4.wal'))).toEqual([]);
    expect(decodeRecords(Buffer.alloc(4096), TAG)).toEqual([]);
  });

  it('should read the uids of a growing segment from where it stopped', async () => {
    const dir = makeTempDir();
    try {
      const file = path.join(dir, '1.2.3.wal');
      fs.writeFileSync(file, data.subarray(0, data.length - 10));
      const first = await readSegmentUids(file, 0);
      expect(first.uids).toEqual([uid(1), uid(2)]);
      fs.appendFileSync(file, data.subarray(data.length - 10));
      expect(await readSegmentUids(file, first.end)).toEqual({ uids: [uid(3)], end: data.length });
    } finally {
      removeDir(dir);
    }
  });
});

describe(SpoolJournal.name, () => {
  let dir: string;

  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('should append groups to one segment until it is due, then close it with its entries', async () => {
    const journal = new SpoolJournal(dir, LIMITS);
    const t0 = Date.now();
    await journal.append(
      [1, 2].map((n) => ({ bucket: BUCKET, uid: uid(n), body: body(n) })),
      t0,
    );
    await journal.append([{ bucket: BUCKET, uid: uid(3), body: body(3) }], t0 + 1);
    expect(await journal.closeIfDue(t0 + 2)).toBeNull();
    const closed = await journal.closeIfDue(t0 + LIMITS.segment_max_age_ms);
    expect(closed?.entries).toEqual([1, 2, 3].map((n) => ({ bucket: BUCKET, uid: uid(n) })));
    expect(decodeRecords(fs.readFileSync(closed!.file), segmentTag(closed!.file)).map((r) => r.uid)).toEqual([
      uid(1),
      uid(2),
      uid(3),
    ]);
    expect(await journal.orphans()).toEqual([]);
  });

  it('should close a segment once it is larger than the limit', async () => {
    const journal = new SpoolJournal(dir, { ...LIMITS, segment_max_bytes: 100 });
    await journal.append([{ bucket: BUCKET, uid: uid(1), body: body(1) }]);
    expect((await journal.closeIfDue())?.entries).toHaveLength(1);
  });

  it('should write into preallocated, recycled files: a retired segment becomes the next one', async () => {
    const journal = new SpoolJournal(dir, { ...LIMITS, segment_max_bytes: 1 << 16 });
    await journal.prepare();
    await journal.append([{ bucket: BUCKET, uid: uid(1), body: body(1) }]);
    const first = (await journal.close())!;
    expect(fs.statSync(first.file).size).toBe(1 << 16);
    await journal.retire(first.file);
    expect(fs.existsSync(first.file)).toBe(false);
    await journal.append([{ bucket: BUCKET, uid: uid(2), body: body(2) }]);
    const second = (await journal.close())!;
    // Same bytes on disk, new name: only the new record reads back.
    expect(decodeRecords(fs.readFileSync(second.file), segmentTag(second.file)).map((r) => r.uid)).toEqual([uid(2)]);
  });

  it('should name as orphans only the segments of processes that are gone', async () => {
    const journal = new SpoolJournal(dir, LIMITS);
    await journal.append([{ bucket: BUCKET, uid: uid(1), body: body(1) }]);
    const dead = path.join(journal.dir, '999999999.12345.1700000000000000000.wal');
    const alive = path.join(journal.dir, `${process.ppid}.0.1700000000000000001.wal`);
    fs.writeFileSync(dead, '');
    fs.writeFileSync(alive, '');
    expect(await journal.orphans()).toEqual([dead]);
    await journal.close();
  });

  it('should list the uids of every segment on disk, and forget removed segments', async () => {
    const journal = new SpoolJournal(dir, LIMITS);
    const index = new JournalUidIndex(dir);
    await journal.append([{ bucket: BUCKET, uid: uid(1), body: body(1) }]);
    expect(await index.uids()).toEqual(new Set([uid(1)]));
    await journal.append([{ bucket: BUCKET, uid: uid(2), body: body(2) }]);
    expect(await index.uids()).toEqual(new Set([uid(1), uid(2)]));
    const closed = await journal.close();
    await journal.retire(closed!.file);
    expect(await index.uids()).toEqual(new Set());
  });
});
