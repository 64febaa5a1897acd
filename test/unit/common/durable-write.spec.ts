import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  renameDurably,
  TEMP_SUFFIX_RE,
  tempPathFor,
  writeDurablyWith,
  writeFileDurably,
} from '../../../src/common/fs/durable-write';
import { recordFsOps } from '../../helpers/fs-ops';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

describe('durable writes', () => {
  let dir: string;

  beforeEach(() => (dir = makeTempDir('ooni-durable-')));
  afterEach(() => removeDir(dir));

  const sub = (...parts: string[]): string => path.join(dir, ...parts);

  it('should name temporary files next to the target with the recognisable suffix', () => {
    const tmp = tempPathFor(sub('a.post'));
    expect(path.dirname(tmp)).toBe(dir);
    expect(TEMP_SUFFIX_RE.test(tmp)).toBe(true);
    expect(tmp).not.toBe(tempPathFor(sub('a.post')));
  });

  it('should write the bytes, sync the file before the rename and the directory after it', async () => {
    fs.mkdirSync(sub('d'));
    const rec = recordFsOps(dir);
    try {
      await writeFileDurably(sub('d', 'f.bin'), Buffer.from([0, 1, 2, 255]));
    } finally {
      rec.restore();
    }
    expect(fs.readFileSync(sub('d', 'f.bin'))).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(fs.readdirSync(sub('d'))).toEqual(['f.bin']);
    const [syncTmp] = rec.ops;
    expect(syncTmp).toMatch(/^sync d\/f\.bin\.tmp-[0-9a-f]{12}$/);
    expect(rec.ops.slice(1)).toEqual(['rename d/f.bin', 'sync d']);
  });

  it('should replace an existing file atomically', async () => {
    fs.writeFileSync(sub('f'), 'old');
    await writeFileDurably(sub('f'), 'new');
    expect(fs.readFileSync(sub('f'), 'utf8')).toBe('new');
  });

  it('should leave neither target nor temporary file when the writer fails', async () => {
    await expect(
      writeDurablyWith(sub('g'), async (tmp) => {
        fs.writeFileSync(tmp, 'partial');
        await Promise.resolve();
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('should fail without leftovers when the directory does not exist', async () => {
    await expect(writeFileDurably(sub('missing', 'f'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('should sync a renamed file, then both directories', async () => {
    fs.mkdirSync(sub('a'));
    fs.mkdirSync(sub('b'));
    fs.writeFileSync(sub('a', 'f'), 'data');
    const rec = recordFsOps(dir);
    try {
      await renameDurably(sub('a', 'f'), sub('b', 'f'));
    } finally {
      rec.restore();
    }
    expect(rec.ops).toEqual(['sync a/f', 'rename b/f', 'sync b', 'sync a']);
    expect(fs.readFileSync(sub('b', 'f'), 'utf8')).toBe('data');
  });
});
