import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileBatchWriter } from '../../../../src/common/fs/file-batch-writer';
import { loadMeasurement } from '../../../helpers/fixtures';
import { makeTempDir, removeDir } from '../../../helpers/temp-dir';

describe(FileBatchWriter.name, () => {
  let dir: string;
  let writer: FileBatchWriter;
  const body = Buffer.from(JSON.stringify({ format: 'json', content: loadMeasurement('report1.json') }));

  beforeEach(() => {
    dir = makeTempDir();
    writer = new FileBatchWriter();
  });
  afterEach(async () => {
    await writer.close();
    removeDir(dir);
  });

  it('should write every file of a batch, only the bytes of each view, and report per-file errors', async () => {
    // a view into a larger buffer, as Node's pooled buffers are
    const pooled = Buffer.concat([Buffer.from('xxxx'), body, Buffer.from('yyyy')]).subarray(4, 4 + body.length);
    const files = [
      { path: path.join(dir, 'a.post'), data: body },
      { path: path.join(dir, 'missing', 'b.post'), data: body },
      { path: path.join(dir, 'c.post'), data: pooled },
    ];
    expect(await writer.writeAll(files)).toEqual([null, 'ENOENT', null]);
    expect(fs.readFileSync(files[0].path)).toEqual(body);
    expect(fs.readFileSync(files[2].path)).toEqual(body);
    expect((fs.statSync(files[0].path).mode & 0o777).toString(8)).toBe((0o644 & ~process.umask()).toString(8));
    expect(await writer.writeAll([])).toEqual([]);
  });

  it('should give each file exactly its own bytes when a batch mixes sizes, empty ones included', async () => {
    const sizes = [0, 1, 4096, 17, 0, 65_537, 3];
    const files = sizes.map((n, i) => ({ path: path.join(dir, `${i}.post`), data: Buffer.alloc(n, 65 + i) }));
    expect(await writer.writeAll(files)).toEqual(sizes.map(() => null));
    for (const f of files) expect(fs.readFileSync(f.path).equals(f.data)).toBe(true);
    // the caller's buffers are its own still (only the packed copy is moved to the thread)
    expect(files[5].data.length).toBe(65_537);
  });

  it('should fsync files and directories in one batch and name the paths that are missing', async () => {
    fs.writeFileSync(path.join(dir, 'a.post'), body);
    const paths = [path.join(dir, 'a.post'), path.join(dir, 'gone.post'), dir];
    expect(await writer.syncAll(paths)).toEqual([null, 'ENOENT', null]);
    expect(await writer.syncAll([])).toEqual([]);
  });

  it('should fail the batches a closed writer held, then write again with a new thread', async () => {
    const pending = writer.writeAll([{ path: path.join(dir, 'a.post'), data: body }]);
    await writer.close();
    await pending.then(
      (errors) => expect(errors).toEqual([null]), // the thread may have answered first
      (err: Error) => expect(err.message).toMatch(/closed|exited/),
    );
    expect(await writer.writeAll([{ path: path.join(dir, 'b.post'), data: body }])).toEqual([null]);
    expect(fs.readFileSync(path.join(dir, 'b.post'))).toEqual(body);
  });
});
