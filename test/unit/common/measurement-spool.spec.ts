import * as fs from 'node:fs';
import * as path from 'node:path';
import { MeasurementSpool } from '../../../src/common/spool/measurement-spool';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

describe(MeasurementSpool.name, () => {
  let dir: string;
  let spool: MeasurementSpool;
  const uid = '20240102030405.678901_IT_webconnectivity_0123456789abcdef';

  beforeEach(() => {
    dir = makeTempDir();
    spool = new MeasurementSpool(dir);
  });
  afterEach(() => removeDir(dir));

  it('should write the body under incoming/<hour>_<cc>_<testname>/<uid>.post and leave no temp file', async () => {
    const file = await spool.write('2024010203_IT_webconnectivity', uid, Buffer.from('body'));
    expect(file).toBe(path.join(dir, 'incoming', '2024010203_IT_webconnectivity', `${uid}.post`));
    expect(fs.readFileSync(file, 'utf8')).toBe('body');
    expect(fs.readdirSync(path.dirname(file))).toEqual([`${uid}.post`]);
  });

  it('should write several spool files in one batch, recreating an hour directory removed meanwhile', async () => {
    const bucket = '2024010203_IT_webconnectivity';
    const other = '20240102030405.678902_IT_webconnectivity_0123456789abcdee';
    expect(await spool.writeManyUnsynced([{ bucket, uid, body: Buffer.from('one') }])).toEqual([null]);
    // the uploader removes emptied hour directories
    fs.rmSync(path.join(dir, 'incoming', bucket), { recursive: true });
    const errors = await spool.writeManyUnsynced([
      { bucket, uid, body: Buffer.from('one') },
      { bucket, uid: other, body: Buffer.from('two') },
    ]);
    expect(errors).toEqual([null, null]);
    expect((await spool.read(uid))?.toString()).toBe('one');
    expect((await spool.read(other))?.toString()).toBe('two');
    await spool.close();
  });

  it("should not hold new spool files behind a checkpoint's fsyncs", async () => {
    const bucket = '2024010203_IT_webconnectivity';
    const many = Array.from({ length: 2000 }, (_, i) => ({
      bucket,
      uid: `20240102030405.${String(i).padStart(6, '0')}_IT_webconnectivity_0123456789abcdef`,
      body: Buffer.from(`m${i}`),
    }));
    expect((await spool.writeManyUnsynced(many)).every((e) => e === null)).toBe(true);
    const order: string[] = [];
    try {
      const checkpoint = spool.syncFiles(many).then(() => order.push('checkpoint synced'));
      const submission = spool
        .writeManyUnsynced([{ bucket, uid, body: Buffer.from('new') }])
        .then(() => order.push('new file written'));
      await Promise.all([checkpoint, submission]);
    } finally {
      await spool.close();
    }
    expect(order).toEqual(['new file written', 'checkpoint synced']);
  });

  it('should read a spooled measurement back by uid, and answer null when it is gone', async () => {
    await spool.write('2024010203_IT_webconnectivity', uid, Buffer.from('body'));
    expect((await spool.read(uid))?.toString()).toBe('body');
    expect(await spool.read('20240102030405.678901_IT_webconnectivity_ffffffffffffffff')).toBeNull();
    expect(await spool.read('../../../../etc/passwd')).toBeNull();
  });

  it('should recreate an hour directory removed after a first write', async () => {
    await spool.write('2024010203_IT_webconnectivity', uid, Buffer.from('one'));
    fs.rmSync(path.join(dir, 'incoming', '2024010203_IT_webconnectivity'), { recursive: true });
    const file = await spool.write('2024010203_IT_webconnectivity', uid, Buffer.from('two'));
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
  });

  it('should list hour directories and the uids in one, optionally only those written before a time', async () => {
    const other = '20240102030405.000000_IT_webconnectivity_0000000000000001';
    await spool.write('2024010203_IT_webconnectivity', uid, Buffer.from('a'));
    await spool.write('2024010203_IT_webconnectivity', other, Buffer.from('b'));
    await spool.write('2024010204_DE_ndt', '20240102040000.000000_DE_ndt_0000000000000002', Buffer.from('c'));
    const bucketDir = path.join(dir, 'incoming', '2024010203_IT_webconnectivity');
    fs.writeFileSync(path.join(bucketDir, 'not-a-uid.post'), 'x');
    fs.utimesSync(path.join(bucketDir, `${other}.post`), new Date(1000), new Date(1000));
    expect(await spool.buckets()).toEqual(['2024010203_IT_webconnectivity', '2024010204_DE_ndt']);
    expect(await spool.uidsIn('2024010203_IT_webconnectivity')).toEqual([other, uid].sort());
    expect(await spool.uidsIn('2024010203_IT_webconnectivity', 5000)).toEqual([other]);
    expect(await spool.uidsIn('2099010100_IT_x')).toEqual([]);
  });

  it('should remove temporary files of interrupted writes older than a time, and nothing else', async () => {
    await spool.write('2024010203_IT_webconnectivity', uid, Buffer.from('a'));
    const bucketDir = path.join(dir, 'incoming', '2024010203_IT_webconnectivity');
    const stale = path.join(bucketDir, `${uid}.post.tmp-0123456789ab`);
    const fresh = path.join(bucketDir, `${uid}.post.tmp-ba9876543210`);
    fs.writeFileSync(stale, 'half');
    fs.writeFileSync(fresh, 'in progress');
    fs.utimesSync(stale, new Date(1000), new Date(1000));
    expect(await spool.removeStaleTemps(5000)).toBe(1);
    expect(fs.readdirSync(bucketDir).sort()).toEqual([`${uid}.post`, `${uid}.post.tmp-ba9876543210`]);
    expect(await spool.removeStaleTemps(Date.now() + 1000)).toBe(1);
    expect(fs.readdirSync(bucketDir)).toEqual([`${uid}.post`]);
  });
});
