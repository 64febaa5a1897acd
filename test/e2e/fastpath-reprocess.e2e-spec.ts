import { ClickHouseClient } from '@clickhouse/client';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { createClickhouseClient } from '../../src/common/clickhouse/create-clickhouse-client';
import { Migrator } from '../../src/common/clickhouse/migrator';
import { LocalBucketStorage } from '../../src/common/storage/local-bucket.storage';
import { loadMeasurement } from '../helpers/fixtures';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { testConfig } from '../helpers/test-config';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

async function tarGz(files: Array<{ name: string; body: string }>): Promise<Buffer> {
  const p = pack();
  for (const f of files) p.entry({ name: f.name }, f.body);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of p) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

describe('fastpath CLI (reprocessing from the bucket)', () => {
  let dir: string;
  const uids = {
    jsonl: '20240105120000.000001_IT_webconnectivity_1111111111111111',
    postcan: '20240105130000.000002_IT_signal_2222222222222222',
    other: '20240105130000.000003_BR_tor_3333333333333333',
  };

  beforeAll(async () => {
    dir = makeTempDir();
    const bucket = new LocalBucketStorage(path.join(dir, 'bucket'));
    const wc = { ...loadMeasurement('web_connectivity_ir_fp.json'), measurement_uid: uids.jsonl };
    const jsonl = Buffer.from(`${JSON.stringify(wc)}\n`);
    await bucket.put('raw/20240105/12/IT/webconnectivity/2024010512_IT_webconnectivity.n1.0.jsonl.gz', gzipSync(jsonl));
    // The postcan of the same hour is skipped in favour of the JSONL file.
    await bucket.put(
      'raw/20240105/12/IT/webconnectivity/2024010512_IT_webconnectivity.n1.0.tar.gz',
      await tarGz([{ name: `x/${uids.jsonl}.post`, body: JSON.stringify({ format: 'json', content: wc }) }]),
    );
    const post = (content: unknown): string => JSON.stringify({ format: 'json', content });
    await bucket.put(
      'raw/20240105/13/IT/signal/2024010513_IT_signal.n1.0.tar.gz',
      await tarGz([
        { name: `2024010513_IT_signal/${uids.postcan}.post`, body: post(loadMeasurement('signal_022.json')) },
      ]),
    );
    await bucket.put(
      'raw/20240105/13/BR/tor/2024010513_BR_tor.n1.0.tar.gz',
      await tarGz([{ name: `2024010513_BR_tor/${uids.other}.post`, body: post(loadMeasurement('tor.json')) }]),
    );
    // Old layout, and a day outside the range.
    await bucket.put(
      'jsonl/whatsapp/IE/20240105/00/20240105_IE_whatsapp.l.0.jsonl.gz',
      gzipSync(`${JSON.stringify(loadMeasurement('whatsapp.json'))}\n`),
    );
    await bucket.put(
      'raw/20240107/00/IT/tor/2024010700_IT_tor.n1.0.jsonl.gz',
      gzipSync(`${JSON.stringify({ ...loadMeasurement('tor.json'), measurement_uid: 'outside-range' })}\n`),
    );
  });
  afterAll(() => removeDir(dir));

  const cli = async (...args: string[]): Promise<string> => {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', 'fastpath', ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', OONI_VAR_DIR: dir, OONI__FASTPATH__WORKERS: '1' },
      timeout: 120000,
    });
    return stdout;
  };

  async function rows(): Promise<Array<{ measurement_uid: string; test_name: string; confirmed: string }>> {
    let client: ClickHouseClient | undefined;
    try {
      client = await createClickhouseClient(testConfig(dir));
      await new Migrator(client).migrate();
      const rs = await client.query({
        query: 'SELECT measurement_uid, test_name, confirmed FROM fastpath FINAL ORDER BY test_name',
        format: 'JSONEachRow',
      });
      return await rs.json();
    } finally {
      await client?.close();
    }
  }

  it('should score nothing into the database with --no-write-to-db, and say what it did', async () => {
    const out = await cli('--start-day', '2024-01-05', '--end-day', '2024-01-06', '--no-write-to-db', '--stdout');
    expect(out).toMatch(/processed 4 files, 4 measurements: 4 rows \(not written: --no-write-to-db\), 0 discarded/);
    expect(await rows()).toEqual([]);
  });

  it('should honour --ccs and --testnames', async () => {
    const out = await cli('--start-day', '2024-01-05', '--ccs', 'IT', '--testnames', 'signal', '--stdout');
    expect(out).toMatch(/processed 1 files, 1 measurements: 1 rows written/);
    expect((await rows()).map((r) => r.measurement_uid)).toEqual([uids.postcan]);
  });

  it('should reprocess JSONL files and postcans of both layouts, with fingerprints', async () => {
    await cli('--start-day', '2024-01-05', '--end-day', '2024-01-06', '--noapi', '--stdout');
    const found = await rows();
    expect(found.map((r) => r.test_name)).toEqual(['signal', 'tor', 'web_connectivity', 'whatsapp']);
    expect(found.find((r) => r.test_name === 'web_connectivity')).toMatchObject({
      measurement_uid: uids.jsonl,
      confirmed: 't',
    });
    expect(found.map((r) => r.measurement_uid)).not.toContain('outside-range');
  });

  it('should stop after --stop-after measurements and reject bad flags', async () => {
    const out = await cli('--start-day', '2024-01-05', '--stop-after', '2', '--no-write-to-db', '--stdout');
    expect(out).toMatch(/2 measurements/);
    await expect(cli('--start-day', 'yesterday')).rejects.toThrow(/--start-day must be a date/);
  });
});
