import Fastify from 'fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { MeasurementSpool } from '../src/common/spool/measurement-spool';
import { startBenchApp } from './bench-app';
import { formatLoad, runLoad } from './load';

const REPORT_ID = '20240101T000000Z_webconnectivity_IT_3269_n1_BenchBenchBench1';

function sampleBody(): string {
  const file = path.join(PROJECT_ROOT, 'test', 'fixtures', 'measurements', 'report1.json');
  const content = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  return JSON.stringify({ format: 'json', content });
}

/** Ceilings: a bare Fastify handler, and one that also does the spool's durable write. */
async function bareFastify(withFsync: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-bare-'));
  const spool = new MeasurementSpool(dir);
  const app = Fastify({ bodyLimit: 64 * 1024 * 1024 });
  let n = 0;
  app.post('/report/:id', async (request) => {
    if (withFsync) {
      await spool.write('2024010100_IT_webconnectivity', `bench-${n++}`, Buffer.from(JSON.stringify(request.body)));
    }
    return { measurement_uid: 'x' };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function runSubmissionBench(): Promise<void> {
  const body = sampleBody();
  const headers = { 'content-type': 'application/json' };
  console.log(`\n# Measurement submission (POST /report/{id}, ${body.length} byte body, 16 connections)`);
  for (const withFsync of [false, true]) {
    const bare = await bareFastify(withFsync);
    try {
      const r = await runLoad({ url: `${bare.url}/report/${REPORT_ID}`, method: 'POST', body, headers });
      console.log(formatLoad(`bare Fastify handler${withFsync ? ' + durable spool write' : ''}`, r));
    } finally {
      await bare.close();
    }
  }
  const t = await startBenchApp();
  try {
    const r = await runLoad({ url: `${t.url}/report/${REPORT_ID}`, method: 'POST', body, headers });
    console.log(formatLoad('ooni-api submission (validate, fsync, rename, queue)', r));
  } finally {
    await t.close();
  }
}
