import { ClickHouseClient } from '@clickhouse/client';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResponseCacheModule } from '../src/common/cache/response-cache.module';
import { ResponseCache } from '../src/common/cache/response-cache.service';
import { CLICKHOUSE } from '../src/common/clickhouse/clickhouse.constants';
import { ClickhouseModule } from '../src/common/clickhouse/clickhouse.module';
import { AppConfig } from '../src/common/config/app-config';
import { ConfigModule } from '../src/common/config/config.module';
import { CountersRefresherService } from '../src/modules/counters/counters-refresher.service';
import { readCitizenlabSnapshot } from '../src/modules/prio/citizenlab-snapshot';
import { AsnmetaSnapshotLoader } from '../src/modules/private-stats/asnmeta-snapshot.loader';
import { PrivateStatsModule } from '../src/modules/private-stats/private-stats.module';
import { buildCounters, loadRows, percentile, SPAN_DAYS, waitForMerges } from './aggregation.bench';
import { startBenchModules } from './bench-app';

const DEFAULT_ROWS = 10_000_000;
const ITERATIONS = 7;
const WARM_ITERATIONS = 20;
const CEILING_MS = 200;

/** The statistics routes alone, with the app's pipe, filter and response cache. */
@Module({})
class PrivateStatsBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PrivateStatsBenchModule,
      imports: [ConfigModule.forRoot(config), ClickhouseModule, ResponseCacheModule, PrivateStatsModule],
    };
  }
}

/** The bundled CitizenLab list and ASN names, as a first start loads them. */
async function loadReferenceData(app: NestFastifyApplication, client: ClickHouseClient): Promise<void> {
  for await (const batch of readCitizenlabSnapshot()) {
    await client.insert({ table: 'citizenlab', values: batch, format: 'JSONEachRow' });
  }
  await app.get(AsnmetaSnapshotLoader).seedIfEmpty();
}

/** Every statistics route with the parameters Explorer sends; US / AS1000 is the busiest generated network. */
const ROUTES = [
  'asn_by_month',
  'countries_by_month',
  'test_names',
  'countries',
  'test_coverage?probe_cc=US',
  'test_coverage?probe_cc=US&test_groups=websites,im',
  'website_networks?probe_cc=US',
  'website_stats?probe_cc=US&probe_asn=AS1000&input=https://www.site17.example/',
  'website_urls?probe_cc=US&probe_asn=AS1000',
  'vanilla_tor_stats?probe_cc=US',
  'im_networks?probe_cc=US',
  'im_stats?probe_cc=US&probe_asn=AS1000&test_name=signal',
  'network_stats?probe_cc=US',
  'country_overview?probe_cc=US',
  'global_overview',
  'global_overview_by_month',
  'circumvention_stats_by_country',
  'circumvention_runtime_stats',
  'domain_metadata?domain=www.facebook.com',
  'asnmeta?asn=3269',
  'networks',
  'domains',
];

interface RouteTiming {
  route: string;
  first: number;
  p50: number;
  p99: number;
  warm: number;
  bytes: number;
}

async function timeRoute(url: string, route: string, cache: ResponseCache): Promise<RouteTiming> {
  let bytes = 0;
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/_/${route}`);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${route}: HTTP ${res.status} ${text}`);
    bytes = text.length;
    return performance.now() - t0;
  };
  cache.clear();
  const first = await once();
  const cold: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    cache.clear();
    cold.push(await once());
  }
  const warm: number[] = [];
  for (let i = 0; i < WARM_ITERATIONS; i++) warm.push(await once());
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  return { route, first, p50: percentile(cold, 50), p99: percentile(cold, 99), warm: percentile(warm, 50), bytes };
}

/**
 * Every `/api/_/` statistics route over `OONI_BENCH_ROWS` (default 10 million) generated
 * fastpath rows (the aggregation bench's generator): the first request, p50/p99 with the
 * server cache cleared before each request (cold), and p50 answered from the cache (warm).
 */
export async function runPrivateStatsBench(): Promise<void> {
  const total = Number(process.env.OONI_BENCH_ROWS ?? DEFAULT_ROWS);
  if (!Number.isSafeInteger(total) || total <= 0) throw new Error('OONI_BENCH_ROWS must be a positive integer');
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-private-stats-'));
  const { app, url } = await startBenchModules((config) => PrivateStatsBenchModule.forRoot(config), varDir);
  try {
    const client = app.get<ClickHouseClient>(CLICKHOUSE);
    const end = Math.floor(Date.now() / 86_400_000) * 86_400 - 86_400;
    const t0 = performance.now();
    await loadRows(client, total, end - SPAN_DAYS * 86_400);
    await loadReferenceData(app, client);
    const parts = await waitForMerges(client);
    console.log(
      `private-stats: ${total} rows over ${SPAN_DAYS} days + CitizenLab + ASN names loaded in ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s; ${parts} active parts`,
    );
    const counters = await buildCounters(app.get(CountersRefresherService), client);
    console.log(
      `private-stats: counters of ${counters.days} days built in ${(counters.ms / 1000).toFixed(1)} s ` +
        `(${counters.rows} fastpath_counters rows, ${counters.coarseRows} coarse)`,
    );
    const cache = app.get(ResponseCache);
    const slow: string[] = [];
    console.log(`  ${'route'.padEnd(60)} ${'first'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} warm p50`);
    for (const route of ROUTES) {
      const r = await timeRoute(url, route, cache);
      if (r.p50 > CEILING_MS) slow.push(route);
      console.log(
        `  ${route.padEnd(60)} ${r.first.toFixed(0).padStart(6)} ms ${r.p50.toFixed(0).padStart(5)} ms ` +
          `${r.p99.toFixed(0).padStart(5)} ms ${r.warm.toFixed(1).padStart(6)} ms  (${r.bytes} bytes)`,
      );
    }
    console.log(
      slow.length === 0
        ? `private-stats: every route p50 <= ${CEILING_MS} ms cold`
        : `private-stats: over ${CEILING_MS} ms cold p50: ${slow.join(', ')}`,
    );
  } finally {
    await app.close();
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}
