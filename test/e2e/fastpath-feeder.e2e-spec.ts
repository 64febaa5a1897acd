import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createClickhouseClient } from '../../src/common/clickhouse/create-clickhouse-client';
import { MeasurementFeeder } from '../../src/common/feeder/measurement-feeder';
import { loadMeasurement } from '../helpers/fixtures';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';
import { testConfig } from '../helpers/test-config';

const RID = '20240101T000000Z_signal_IT_30722_n1_abcdefghijklmnop';
const FEEDER_SECRET = 'feeder-test-secret-0123456789';

function startFeeder(varDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', 'fastpath-feeder'], {
    cwd: path.join(__dirname, '..', '..'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      OONI_VAR_DIR: varDir,
      OONI__FASTPATH__FEEDER_PORT: '0',
      OONI__FASTPATH__FEEDER_SECRET: FEEDER_SECRET,
      OONI__FASTPATH__WORKERS: '1',
      OONI__FASTPATH__INSERT_MAX_LATENCY_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('fastpath-feeder did not start')), 60000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`fastpath-feeder exited with ${code}`)));
  });
}

describe('fastpath as its own process (HTTP feeder)', () => {
  let feederDir: string;
  let feeder: { child: ChildProcess; port: number };
  let api: TestApp;
  let apiClosed = false;

  beforeAll(async () => {
    feederDir = makeTempDir();
    feeder = await startFeeder(feederDir);
    api = await startTestApp({
      fastpath: { enabled: false, feeder_url: `http://127.0.0.1:${feeder.port}`, feeder_secret: FEEDER_SECRET },
    });
  });
  afterAll(async () => {
    if (!apiClosed) await api.close();
    if (feeder.child.exitCode === null) feeder.child.kill('SIGKILL');
    removeDir(feederDir);
  });

  it('should refuse feeds without the shared secret, and bad feeds', async () => {
    const uid = '20240101000000.000000_IT_signal_0123456789abcdef';
    const feed = (target: string, secret?: string): Promise<Response> =>
      fetch(`http://127.0.0.1:${feeder.port}/${target}`, {
        method: 'POST',
        body: '{}',
        headers: secret ? { authorization: `Bearer ${secret}` } : {},
      });
    for (const secret of [undefined, 'wrong-secret-0123456789abcd']) {
      const res = await feed(uid, secret);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Invalid credentials' });
    }
    expect((await feed('not-a-uid', FEEDER_SECRET)).status).toBe(400);
  });

  it('should score what the API hands over, in the fastpath process database', async () => {
    const uids: string[] = [];
    for (const name of ['signal_022.json', 'whatsapp.json']) {
      const res = await fetch(`${api.url}/report/${RID}`, {
        method: 'POST',
        body: JSON.stringify({ format: 'json', content: loadMeasurement(name) }),
      });
      uids.push(((await res.json()) as { measurement_uid: string }).measurement_uid);
    }
    // Not scored by the API process itself.
    const local = await api.clickhouse.query({ query: 'SELECT count() AS n FROM fastpath', format: 'JSONEachRow' });
    expect(await local.json()).toEqual([{ n: 0 }]);

    // Every hand-over answered (the feeder has queued them): no fixed sleep.
    await api.app.get(MeasurementFeeder).drain();
    // A graceful stop flushes the last batch; then its database can be opened here (once
    // this process's own chDB session is closed: one per process).
    const exited = new Promise((r) => feeder.child.once('exit', r));
    feeder.child.kill('SIGTERM');
    await exited;
    await api.close();
    apiClosed = true;
    const client = await createClickhouseClient(testConfig(feederDir));
    try {
      const rs = await client.query({
        query: 'SELECT measurement_uid FROM fastpath ORDER BY measurement_uid',
        format: 'JSONEachRow',
      });
      expect((await rs.json<{ measurement_uid: string }>()).map((r) => r.measurement_uid)).toEqual([...uids].sort());
    } finally {
      await client.close();
    }
  });
});
