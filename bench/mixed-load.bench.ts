import type { ClickHouseClient } from '@clickhouse/client';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLICKHOUSE } from '../src/common/clickhouse/clickhouse.constants';
import { CountersRefresherService } from '../src/modules/counters/counters-refresher.service';
import { buildCounters, loadRows, SPAN_DAYS, waitForMerges } from './aggregation.bench';
import { startBenchApp } from './bench-app';
import { US_CHECK_IN_BODY } from './check-in-request';
import { fixtureSubmission } from './fixture-bodies';
import { MixResult, MixSamples, RequestKind, runMix, summarize } from './mixed-driver';

const DEFAULT_ROWS = 10_000_000;
const CLIENTS = 32;
const ROUNDS = 3;

/** The issue's mix: 30% submissions, 30% check-ins, 30% Explorer searches, 10% MAT, over the last 30 generated days. */
function mix(end: number): RequestKind[] {
  const day = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);
  const [since, until] = [day(end - 30 * 86_400), day(end)];
  const q = (p: Record<string, string>): string => new URLSearchParams({ since, until, ...p }).toString();
  const searches = [
    q({ limit: '50' }),
    q({ probe_cc: 'IT', test_name: 'web_connectivity', limit: '50' }),
    q({ probe_cc: 'IR', anomaly: 'true', limit: '50' }),
    q({ domain: 'www.site17.example', limit: '50' }),
  ];
  const mats = [
    q({ test_name: 'web_connectivity', axis_x: 'measurement_start_day', axis_y: 'probe_cc', time_grain: 'day' }),
    q({ probe_cc: 'IT', axis_x: 'measurement_start_day', axis_y: 'probe_asn', time_grain: 'day' }),
  ];
  const checkIn = US_CHECK_IN_BODY;
  const report = fixtureSubmission('report1.json');
  let n = 0;
  const cycle = <T>(xs: T[]): T => xs[n++ % xs.length];
  return [
    {
      name: 'submission',
      weight: 30,
      next: () => ({
        method: 'POST',
        path: '/report/20240101T000000Z_webconnectivity_IT_3269_n1_BenchMixedLoad1',
        body: report,
      }),
    },
    { name: 'check-in', weight: 30, next: () => ({ method: 'POST', path: '/api/v1/check-in', body: checkIn }) },
    { name: 'search', weight: 30, next: () => ({ method: 'GET', path: `/api/v1/measurements?${cycle(searches)}` }) },
    { name: 'MAT', weight: 10, next: () => ({ method: 'GET', path: `/api/v1/aggregation?${cycle(mats)}` }) },
  ];
}

function print(label: string, mixed: MixResult, durationS: number): void {
  const all = mixed.kinds.reduce((s, r) => s + r.count, 0);
  console.log(
    `mixed load, ${label}: ${(all / durationS).toFixed(0)} requests/s, event-loop delay ` +
      `p50 ${mixed.loopDelayP50Ms.toFixed(0)} ms p99 ${mixed.loopDelayP99Ms.toFixed(0)} ms`,
  );
  for (const r of mixed.kinds) {
    console.log(
      `  ${r.name.padEnd(11)} ${String(r.count).padStart(6)} requests  p50 ${r.p50Ms.toFixed(1).padStart(7)} ms  ` +
        `p99 ${r.p99Ms.toFixed(1).padStart(7)} ms  errors ${r.errors}${r.errors ? ` (${r.errorStatuses})` : ''}`,
    );
  }
}

/**
 * 32 concurrent clients on the issue's mix against the real app on one generated `fastpath`
 * (`OONI_BENCH_ROWS`, default 10 million rows), in 3 rounds of `OONI_BENCH_MIXED_S` seconds
 * (default 20) per variant, taking turns: the chDB binding's server-side parameters (one process-wide queue) then
 * client-side binding over a pool of connections, in the same run and on the same data.
 */
export async function runMixedLoadBench(): Promise<void> {
  const total = Number(process.env.OONI_BENCH_ROWS ?? DEFAULT_ROWS);
  const durationS = Number(process.env.OONI_BENCH_MIXED_S ?? 20);
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-mixed-'));
  const end = Math.floor(Date.now() / 86_400_000) * 86_400 - 86_400;
  const variants: Array<{ label: string; clientSide: boolean; readCacheS: number }> = [
    { label: 'server-side parameters (chDB queue), no read cache', clientSide: false, readCacheS: 0 },
    { label: 'client-side binding, connection pool, no read cache', clientSide: true, readCacheS: 0 },
    { label: 'server-side parameters + read cache (production defaults)', clientSide: false, readCacheS: 60 },
  ];
  const overrides = (clientSide: boolean, readCacheS: number): Record<string, unknown> => ({
    var_dir: varDir,
    clickhouse: { client_side_params: clientSide, max_execution_time_s: 600 },
    // The scheduler seeds the CitizenLab list check-ins need; its other jobs stay off.
    scheduler: { enabled: true },
    uploader: { enabled: false },
    citizenlab: { updater_enabled: false },
    // Production's default (the test configuration queries the counts on every check-in).
    prio: { counters_cache_s: 30 },
    // MAT's clean days from memory, as in production (the test configuration reads them at every query).
    counters: { clean_days_s: 10 },
    // Searches and MAT questions kept for a minute (production's default), or not at all.
    response_cache: { search_s: readCacheS, aggregation_s: readCacheS },
    // The 32 clients all come from 127.0.0.1, one /24: metered as in production, but with budgets
    // no run can spend. The three variants share the quota store, and 32 clients waiting on
    // seconds-long searches spend ~30 s of the day's 4,000 s per second: the last variant's last
    // rounds then got 429 on every metered route (a full npm run bench: ~9,800 of ~75,000).
    quotas: { subnet_limits: { month_s: 1e9, week_s: 1e9, day_s: 1e9 } },
  });
  console.log(
    `\n# Mixed load (${CLIENTS} clients, ${ROUNDS} rounds of ${durationS} s per variant, ${total} fastpath rows)`,
  );
  const runs: MixSamples[][] = variants.map(() => []);
  try {
    // The variants take turns (load from other processes then weighs on both alike), on the same data.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [v, { clientSide, readCacheS }] of variants.entries()) {
        const t = await startBenchApp(overrides(clientSide, readCacheS));
        try {
          if (round === 0 && v === 0) {
            const client = t.app.get<ClickHouseClient>(CLICKHOUSE);
            await loadRows(client, total, end - SPAN_DAYS * 86_400);
            await waitForMerges(client);
            // As the counters job leaves them in production: every settled day built.
            const counters = await buildCounters(t.app.get(CountersRefresherService), client);
            console.log(`counters of ${counters.days} days built in ${(counters.ms / 1000).toFixed(1)} s`);
          }
          runs[v].push(await runMix(t.url, mix(end), CLIENTS, durationS));
        } finally {
          await t.close();
        }
      }
    }
    variants.forEach(({ label }, v) => print(label, summarize(mix(end), runs[v]), ROUNDS * durationS));
  } finally {
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}
