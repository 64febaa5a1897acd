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
});
