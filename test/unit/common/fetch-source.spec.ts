import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchSource, SourceFetchError } from '../../../src/common/http/fetch-source';
import { SourceServer, startSourceServer } from '../../helpers/source-server';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

describe(fetchSource.name, () => {
  let src: SourceServer;
  let dir: string;
  const opts = { maxBytes: 1000, timeoutMs: 2000 };
  beforeAll(async () => {
    src = await startSourceServer();
    dir = makeTempDir();
  });
  afterAll(async () => {
    await src.close();
    removeDir(dir);
  });

  it('should read http URLs, file URLs and paths', async () => {
    src.routes.set('/a', { body: 'hello' });
    expect((await fetchSource(`${src.url}/a`, opts)).toString()).toBe('hello');
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'local');
    expect((await fetchSource(file, opts)).toString()).toBe('local');
    expect((await fetchSource(pathToFileURL(file).href, opts)).toString()).toBe('local');
  });

  it('should refuse non-200 answers, oversized, cut or slow bodies and missing files', async () => {
    src.routes.set('/gone', { body: 'x', status: 404 });
    src.routes.set('/big', { body: Buffer.alloc(1001) });
    src.routes.set('/cut', { body: Buffer.alloc(900), truncateAt: 100 });
    src.routes.set('/slow', { body: 'x', delayMs: 500 });
    await expect(fetchSource(`${src.url}/gone`, opts)).rejects.toThrow(/answered HTTP 404/);
    await expect(fetchSource(`${src.url}/big`, opts)).rejects.toThrow(/larger than 1000 bytes/);
    await expect(fetchSource(`${src.url}/cut`, opts)).rejects.toBeInstanceOf(SourceFetchError);
    await expect(fetchSource(`${src.url}/slow`, { ...opts, timeoutMs: 100 })).rejects.toBeInstanceOf(SourceFetchError);
    await expect(fetchSource(path.join(dir, 'missing'), opts)).rejects.toThrow(/cannot read/);
  });
});
