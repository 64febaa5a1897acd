import Fastify from 'fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../src/common/config/load-config';
import { MeasurementSpool } from '../src/common/spool/measurement-spool';
import { SpoolCommitter } from '../src/common/spool/spool-committer';
import { startBenchApp } from './bench-app';
import { fixtureSubmission } from './fixture-bodies';
import { LoadTarget, runInterleaved } from './load';

const REPORT_ID = '20240101T000000Z_webconnectivity_IT_3269_n1_BenchBenchBench1';
const BUCKET = '2024010100_IT_webconnectivity';

type Store = (n: number, body: Buffer) => Promise<void>;

interface Variant {
  label: string;
  /** Builds the handler's storage step in `dir`; returns it and what to do at the end. */
  make(dir: string): Promise<{ store?: Store; close?: () => Promise<void> }>;
}

/** The ceilings: a bare Fastify handler that parses the body, then stores it one way or another. */
const BARE_VARIANTS: Variant[] = [
  { label: 'bare Fastify handler', make: () => Promise.resolve({}) },
  {
    label: 'bare Fastify + one fsync per request',
    make: (dir) =>
      Promise.resolve({
        store: async (n, body) => {
          const handle = await fs.promises.open(path.join(dir, `${n}.post`), 'wx');
          try {
            await handle.writeFile(body);
            await handle.sync();
          } finally {
            await handle.close();
          }
        },
      }),
  },
  {
    label: 'bare Fastify + durable spool write (2 fsyncs)',
    make: (dir) => {
      const spool = new MeasurementSpool(dir);
      return Promise.resolve({ store: async (n, body) => void (await spool.write(BUCKET, `bench-${n}`, body)) });
    },
  },
  {
    label: 'bare Fastify + group commit (journal)',
    make: async (dir) => {
      const config = loadConfig({ env: { NODE_ENV: 'test' }, overrides: { var_dir: dir } });
      const committer = new SpoolCommitter(config, new MeasurementSpool(dir));
      await committer.onModuleInit();
      return {
        store: (n, body) => committer.write(BUCKET, `bench-${n}`, body),
        close: () => committer.onApplicationShutdown(),
      };
    },
  },
];

interface Server extends LoadTarget {
  close(): Promise<void>;
}

async function startBare(variant: Variant): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-bare-'));
  const { store, close } = await variant.make(dir);
  const app = Fastify({ bodyLimit: 64 * 1024 * 1024 });
  let n = 0;
  app.post('/report/:id', async (request) => {
    if (store) await store(n++, Buffer.from(JSON.stringify(request.body)));
    return { measurement_uid: 'x' };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return {
    label: variant.label,
    url: `http://127.0.0.1:${address.port}/report/${REPORT_ID}`,
    close: async () => {
      await app.close();
      await close?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ROUNDS = 3;

export async function runSubmissionBench(): Promise<void> {
  const body = fixtureSubmission('report1.json');
  const headers = { 'content-type': 'application/json' };
  console.log(`\n# Measurement submission (POST /report/{id}, ${body.length} byte body, 16 connections)`);
  console.log(`median of ${ROUNDS} interleaved rounds of 4 s`);
  const t = await startBenchApp();
  const servers: Server[] = [];
  try {
    for (const variant of BARE_VARIANTS) servers.push(await startBare(variant));
    // One application, its group commit switched between rounds (one embedded ClickHouse per process).
    const groupCommit = t.config.probe_services.group_commit;
    const api = (label: string, enabled: boolean): Server => ({
      label,
      url: `${t.url}/report/${REPORT_ID}`,
      before: () => (groupCommit.enabled = enabled),
      close: () => Promise.resolve(),
    });
    servers.push(api('ooni-api, one durable file per request', false));
    servers.push(api('ooni-api, group commit (validate, journal, queue)', true));
    await runInterleaved(servers, { method: 'POST', body, headers, durationS: 4 }, ROUNDS);
  } finally {
    for (const server of servers) await server.close();
    await t.close();
  }
}
