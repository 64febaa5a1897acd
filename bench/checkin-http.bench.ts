import type { ClickHouseClient } from '@clickhouse/client';
import Fastify from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLICKHOUSE } from '../src/common/clickhouse/clickhouse.constants';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { PrioService } from '../src/modules/prio/prio.service';
import { startBenchApp } from './bench-app';
import { US_CHECK_IN_BODY } from './check-in-request';
import { LoadTarget, runInterleaved } from './load';

/** Ceiling: a bare Fastify handler that sends a stored check-in answer (same size, no work). */
async function bareFastify(answer: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify();
  app.post('/api/v1/check-in', async (_request, reply) => reply.type('application/json').send(answer));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/**
 * Check-in over HTTP: the app seeds the full bundled CitizenLab list (~39k URLs), the
 * legacy US url_priorities rules replace the defaults, then probes check in (timed run,
 * charging: 100 URLs each).
 */
export async function runCheckInHttpBench(): Promise<void> {
  const t = await startBenchApp({ scheduler: { enabled: true }, prio: { counters_cache_s: 30 } });
  try {
    const client = t.app.get<ClickHouseClient>(CLICKHOUSE);
    const rules = JSON.parse(
      fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'data', 'url_priorities_us.json'), 'utf8'),
    ) as Array<Record<string, unknown>>;
    await client.command({ query: 'TRUNCATE TABLE url_priorities' });
    await client.insert({
      table: 'url_priorities',
      values: rules.map((r) => ({ sign: 1, ...r })),
      format: 'JSONEachRow',
    });
    await t.app.get(PrioService).refresh();
    const body = US_CHECK_IN_BODY;
    const headers = { 'content-type': 'application/json' };
    const sample = await fetch(`${t.url}/api/v1/check-in`, { method: 'POST', body, headers });
    const bare = await bareFastify(await sample.text());
    console.log(`\n# Check-in over HTTP (full CitizenLab list, ${rules.length} US rules, 100 URLs per answer)`);
    try {
      const targets: LoadTarget[] = [
        { label: 'bare Fastify, stored answer (ceiling)', url: `${bare.url}/api/v1/check-in` },
        { label: 'POST /api/v1/check-in', url: `${t.url}/api/v1/check-in` },
      ];
      for (const connections of [1, 16]) {
        console.log(`${connections} connection(s), median of 3 interleaved rounds of 4 s`);
        await runInterleaved(targets, { method: 'POST', body, headers, connections, durationS: 4 });
      }
    } finally {
      await bare.close();
    }
  } finally {
    await t.close();
  }
}
