import { ClickHouseClient } from '@clickhouse/client';
import { DynamicModule, Global, Module } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuthCommonModule } from '../src/common/auth/auth-common.module';
import { ResponseCacheModule } from '../src/common/cache/response-cache.module';
import { CLICKHOUSE } from '../src/common/clickhouse/clickhouse.constants';
import { ClickhouseModule } from '../src/common/clickhouse/clickhouse.module';
import { AppConfig } from '../src/common/config/app-config';
import { ConfigModule } from '../src/common/config/config.module';
import { MetricsModule } from '../src/common/metrics/metrics.module';
import { MeasurementSpool } from '../src/common/spool/measurement-spool';
import { StorageModule } from '../src/common/storage/storage.module';
import { AggregationModule } from '../src/modules/aggregation/aggregation.module';
import { parseAggregationParams, toAggregationQuery } from '../src/modules/aggregation/aggregation.params';
import { AggregationService } from '../src/modules/aggregation/aggregation.service';
import { CountersRefresherService } from '../src/modules/counters/counters-refresher.service';
import { CountersService } from '../src/modules/counters/counters.service';
import { buildCountersAggregationSql, countersTableFor } from '../src/modules/fastpath-store/aggregation-counters.sql';
import { buildAggregationSql, queryBounds } from '../src/modules/fastpath-store/aggregation.sql';
import { FastpathSearchReader } from '../src/modules/fastpath-store/fastpath-search.reader';
import { MeasurementsModule } from '../src/modules/measurements/measurements.module';
import { parseSearchParams } from '../src/modules/measurements/search-params';
import { startBenchModules } from './bench-app';

const DEFAULT_ROWS = 10_000_000;
const BATCH_ROWS = 1_000_000;
export const SPAN_DAYS = 180;
const WARMUP = 3;
const ITERATIONS = 20;
const CLEAN_DAYS_S = 10;

/** The spool the measurement API reads fresh bodies from, without the reconciler (no fastpath here). */
@Global()
@Module({
  providers: [
    {
      provide: MeasurementSpool,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new MeasurementSpool(config.probe_services.spool_dir),
    },
  ],
  exports: [MeasurementSpool],
})
class BenchSpoolModule {}

/** The read API (aggregation and measurements) alone, with the app's pipes and filter: nothing else competes for the CPU. */
@Module({})
class AggregationBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AggregationBenchModule,
      imports: [
        ConfigModule.forRoot(config),
        ClickhouseModule,
        MetricsModule,
        StorageModule,
        // Off for the aggregation (response_cache.aggregation_s 0 in the test config): every request queries.
        ResponseCacheModule,
        BenchSpoolModule,
        AuthCommonModule,
        AggregationModule,
        MeasurementsModule,
      ],
    };
  }
}

/*
 * Generated server-side from numbers(): ~60 countries with a skewed share (a few large ones), up
 * to 20 networks each, 75% web_connectivity over 3000 URLs, 8% anomalies, 1% confirmed, 5%
 * failures, start times uniform over [start, start + span), 50 measurements per report.
 */
const GENERATE_SQL = `
INSERT INTO fastpath (measurement_uid, report_id, input, probe_cc, probe_asn, test_name, test_start_time,
  measurement_start_time, filename, scores, platform, anomaly, confirmed, msm_failure, domain, software_name,
  software_version, test_version, architecture, engine_name, engine_version, test_runtime, blocking_type)
SELECT
  concat(formatDateTime(t, '%Y%m%d%H%i%S'), '.', leftPad(toString(n % 1000000), 6, '0'), '_', cc, '_',
         replaceAll(tn, '_', ''), '_', lower(hex(sipHash64(n)))) AS measurement_uid,
  concat(formatDateTime(t, '%Y%m%dT%H%i%SZ'), '_', tn, '_', cc, '_', toString(intDiv(n, 50))) AS report_id,
  if(tn = 'web_connectivity', concat('https://www.site', toString(site), '.example/'), '') AS input,
  cc AS probe_cc,
  toInt32(1000 + cc_idx * 100 + toUInt32(pow(r_asn, 3) * 20)) AS probe_asn,
  tn AS test_name,
  t AS test_start_time,
  t AS measurement_start_time,
  '' AS filename,
  if(anomaly = 't', '{"blocking_general":1.0,"blocking_global":0.0}', '{"blocking_general":0.0}') AS scores,
  ['android', 'ios', 'linux', 'macos', 'windows'][1 + n % 5] AS platform,
  anomaly,
  if(anomaly = 't' AND r_flag < 0.01, 't', 'f') AS confirmed,
  if(r_fail < 0.05, 't', 'f') AS msm_failure,
  if(tn = 'web_connectivity', concat('www.site', toString(site), '.example'), '') AS domain,
  'ooniprobe-android' AS software_name,
  '3.8.0' AS software_version,
  '0.4.3' AS test_version,
  'arm64' AS architecture,
  'ooniprobe-engine' AS engine_name,
  '3.19.0' AS engine_version,
  1.5 AS test_runtime,
  if(anomaly = 't', ['dns', 'tcp_ip', 'http-failure', 'http-diff'][1 + n % 4], '') AS blocking_type
FROM
(
  SELECT
    number + {offset:UInt64} AS n,
    toDateTime({start:UInt32} + cityHash64(n, 1) % {span:UInt32}) AS t,
    cityHash64(n, 2) / 18446744073709551615 AS r_cc,
    cityHash64(n, 3) / 18446744073709551615 AS r_asn,
    cityHash64(n, 4) / 18446744073709551615 AS r_flag,
    cityHash64(n, 5) / 18446744073709551615 AS r_fail,
    cityHash64(n, 6) % 100 AS r_test,
    toUInt32(pow(r_cc, 2.5) * 60) AS cc_idx,
    ['US','IT','DE','RU','IN','BR','IR','ID','CN','FR','GB','TR','MX','ES','UA','KZ','PK','VN','MM','TH',
     'EG','NG','KE','CO','AR','CA','NL','JP','KR','PH','MY','BD','SA','AE','BY','VE','CU','ET','UG','ZA',
     'PL','RO','GR','SE','NO','FI','CH','AT','BE','PT','IL','IQ','SY','AF','UZ','TM','TJ','KG','AZ','AM'][cc_idx + 1] AS cc,
    multiIf(r_test < 75, 'web_connectivity', r_test < 80, 'signal', r_test < 85, 'telegram', r_test < 90, 'whatsapp',
            r_test < 94, 'facebook_messenger', r_test < 97, 'dnscheck', 'tor') AS tn,
    cityHash64(n, 7) % 3000 AS site,
    if(r_flag < 0.08, 't', 'f') AS anomaly
  FROM numbers({rows:UInt64})
)`;

/**
 * Measurements arrive roughly in time order: each batch covers the next slice of the span, so parts
 * of old data hardly overlap (what FINAL costs depends on overlapping parts).
 */
export async function loadRows(client: ClickHouseClient, total: number, start: number): Promise<void> {
  const batches = Math.ceil(total / BATCH_ROWS);
  const slice = Math.floor((SPAN_DAYS * 86_400) / batches);
  const batch = (i: number, offset: number, rows: number): Promise<unknown> =>
    client.command({
      query: GENERATE_SQL,
      query_params: { offset, rows, start: start + i * slice, span: slice },
      clickhouse_settings: { max_execution_time: 0 },
    });
  for (let i = 0; i < batches; i++) {
    await batch(i, i * BATCH_ROWS, Math.min(BATCH_ROWS, total - i * BATCH_ROWS));
  }
  // A reprocessing pass over the most recent slice: 0.5% of all rows written again, same keys.
  const last = batches - 1;
  await batch(last, last * BATCH_ROWS, Math.min(Math.floor(total / 200), total - last * BATCH_ROWS));
}

/** Background merges after the load would skew the timings: wait until they are done. */
export async function waitForMerges(client: ClickHouseClient, timeoutMs = 300_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rs = await client.query({
      query: `SELECT (SELECT count() FROM system.merges WHERE table = 'fastpath') AS merging,
                     (SELECT count() FROM system.parts WHERE table = 'fastpath' AND active) AS parts`,
      format: 'JSONEachRow',
    });
    const [{ merging, parts }] = await rs.json<{ merging: number; parts: number }>();
    if (Number(merging) === 0 || Date.now() > deadline) return Number(parts);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Builds every counter, one run after another until no stale day is left. */
export async function buildCounters(
  refresher: CountersRefresherService,
  client: ClickHouseClient,
): Promise<{ days: number; rows: number; coarseRows: number; ms: number }> {
  const t0 = performance.now();
  let days = 0;
  let rows = 0;
  for (;;) {
    const run = await refresher.refresh();
    days += run.days;
    rows += run.rows;
    if (run.remaining_days === 0) break;
  }
  const ms = performance.now() - t0;
  const rs = await client.query({ query: 'SELECT count() AS n FROM fastpath_counters_coarse', format: 'JSONEachRow' });
  const [{ n }] = await rs.json<{ n: string }>();
  return { days, rows, coarseRows: Number(n), ms };
}

/** The API's rows (days as YYYY-MM-DD, keys sorted) against the reference query's rows. */
function sameAnswer(api: unknown[], reference: unknown[]): boolean {
  const norm = (rows: unknown[]): string =>
    JSON.stringify(
      rows.map((r) => {
        const o = { ...(r as Record<string, unknown>) };
        if (typeof o.measurement_start_day === 'string') o.measurement_start_day = o.measurement_start_day.slice(0, 10);
        return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
      }),
    );
  return api.length === reference.length && norm(api) === norm(reference);
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Runs the variants round-robin (background work then slows them alike) and returns their p50/p99. */
async function timeInterleaved(variants: Array<() => Promise<unknown>>): Promise<Array<{ p50: number; p99: number }>> {
  for (let i = 0; i < WARMUP; i++) for (const run of variants) await run();
  const ms: number[][] = variants.map(() => []);
  for (let i = 0; i < ITERATIONS; i++) {
    for (const [k, run] of variants.entries()) {
      const t0 = performance.now();
      await run();
      ms[k].push(performance.now() - t0);
    }
  }
  return ms.map((m) => {
    m.sort((x, y) => x - y);
    return { p50: percentile(m, 50), p99: percentile(m, 99) };
  });
}

const fmt = (label: string, t: { p50: number; p99: number }): string =>
  `  ${label.padEnd(38)} p50 ${t.p50.toFixed(1).padStart(8)} ms   p99 ${t.p99.toFixed(1).padStart(8)} ms`;

/**
 * MAT queries over `OONI_BENCH_ROWS` (default 10 million) generated fastpath rows: latency over HTTP
 * next to the same SQL run directly on the ClickHouse client (the ceiling), and the cost of FINAL.
 */
export async function runAggregationBench(): Promise<void> {
  const total = Number(process.env.OONI_BENCH_ROWS ?? DEFAULT_ROWS);
  if (!Number.isSafeInteger(total) || total <= 0) throw new Error('OONI_BENCH_ROWS must be a positive integer');
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-aggregation-'));
  // The clean days as in production (config/default.yaml), not re-read at every query as in tests.
  const { app, url } = await startBenchModules(
    (config) =>
      AggregationBenchModule.forRoot(
        new AppConfig({ ...config, counters: { ...config.counters, clean_days_s: CLEAN_DAYS_S } }),
      ),
    varDir,
  );
  try {
    const client = app.get<ClickHouseClient>(CLICKHOUSE);
    const end = Math.floor(Date.now() / 86_400_000) * 86_400 - 86_400;
    const start = end - SPAN_DAYS * 86_400;
    const t0 = performance.now();
    await loadRows(client, total, start);
    const loadS = (performance.now() - t0) / 1000;
    const parts = await waitForMerges(client);
    const rs = await client.query({ query: 'SELECT count() AS n FROM fastpath', format: 'JSONEachRow' });
    const [{ n }] = await rs.json<{ n: number }>();
    console.log(
      `aggregation: ${total} rows (+0.5% duplicates, ${n} stored) over ${SPAN_DAYS} days loaded in ` +
        `${loadS.toFixed(1)} s (${Math.round(total / loadS)} rows/s); ${parts} active parts after merges`,
    );

    const counters = await buildCounters(app.get(CountersRefresherService), client);
    console.log(
      `aggregation: counters of ${counters.days} days built in ${(counters.ms / 1000).toFixed(1)} s ` +
        `(${counters.rows} fastpath_counters rows, ${counters.coarseRows} coarse)`,
    );
    const day = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);
    const since = day(end - 30 * 86_400);
    const until = day(end);
    const mat: Array<[string, Record<string, string>]> = [
      [
        '30 days, web_connectivity, day x country',
        {
          test_name: 'web_connectivity',
          axis_x: 'measurement_start_day',
          axis_y: 'probe_cc',
          since,
          until,
          time_grain: 'day',
        },
      ],
      [
        '30 days, IT, day x ASN',
        { probe_cc: 'IT', axis_x: 'measurement_start_day', axis_y: 'probe_asn', since, until, time_grain: 'day' },
      ],
      [
        // Up to tomorrow, as Explorer asks: the unsettled days have no counters, fastpath FINAL answers them.
        '30 days to tomorrow, IT, day x ASN',
        {
          probe_cc: 'IT',
          axis_x: 'measurement_start_day',
          axis_y: 'probe_asn',
          since,
          until: day(end + 2 * 86_400),
          time_grain: 'day',
        },
      ],
    ];
    for (const [label, params] of mat) {
      const qs = new URLSearchParams(params).toString();
      let resultRows = 0;
      let rowsRead = 0;
      let answer: unknown[] = [];
      const http = async (): Promise<void> => {
        const res = await fetch(`${url}/api/v1/aggregation?${qs}`);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as { result: unknown[]; db_stats: { row_count: number } };
        resultRows = body.result.length;
        rowsRead = body.db_stats.row_count;
        answer = body.result;
      };
      const query = toAggregationQuery(parseAggregationParams(params));
      let reference: unknown[] = [];
      const direct = (final: boolean) => {
        const { sql, params: queryParams } = buildAggregationSql(query, { final });
        return async (): Promise<void> => {
          const r = await client.query({
            query: sql,
            query_params: queryParams,
            format: 'JSON',
            clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
          });
          const data = (await r.json<Record<string, unknown>>()).data;
          if (final) reference = data;
        };
      };
      const countersService = app.get(CountersService);
      const bounds = queryBounds(query);
      const window = countersService.window(bounds.since, bounds.until);
      const split = await countersService.split(bounds.since, bounds.until);
      const table = countersTableFor(query);
      if (window === undefined || split === undefined || table === undefined) {
        throw new Error('the counters cannot answer the bench query');
      }
      const cleanDays = (await countersService.cleanDays(window)).length;
      const countersSql = buildCountersAggregationSql(query, table, split, { final: true });
      // What the clean days cost per query when read each time (counters.clean_days_s: 0).
      const lookup = async (): Promise<void> => {
        await countersService.cleanDays(window);
      };
      const viaCounters = async (): Promise<void> => {
        const r = await client.query({ query: countersSql.sql, query_params: countersSql.params, format: 'JSON' });
        await r.json();
      };
      const service = app.get(AggregationService);
      const parsed = parseAggregationParams(params);
      const inProcess = async (): Promise<void> => {
        await service.aggregate(parsed);
      };
      // The floor: a query that reads nothing, through the same client.
      const selectOne = async (): Promise<void> => {
        await (await client.query({ query: 'SELECT 1', format: 'JSON' })).json();
      };
      const [viaHttp, viaService, cleanLookup, countersOnly, withFinal, withoutFinal, floor] = await timeInterleaved([
        http,
        inProcess,
        lookup,
        viaCounters,
        direct(true),
        direct(false),
        selectOne,
      ]);
      console.log(
        `aggregation: ${label} (${resultRows} result rows, ${rowsRead} rows read, ${cleanDays} days from the counters, ` +
          `fastpath ${split.raw ? 'read too' : 'not read'})`,
      );
      console.log(`  counters answer equals the FINAL query: ${sameAnswer(answer, reference) ? 'yes' : 'NO'}`);
      console.log(fmt('HTTP /api/v1/aggregation (counters)', viaHttp));
      console.log(fmt('  AggregationService.aggregate in-process', viaService));
      console.log(fmt('  clean days read from the tables (cached)', cleanLookup));
      console.log(fmt(`  its counters SQL (${table}) on the client`, countersOnly));
      console.log(fmt('same SQL on the client (FINAL)', withFinal));
      console.log(fmt('same SQL without FINAL', withoutFinal));
      console.log(fmt('floor: SELECT 1 on the client', floor));
    }

    // Typical Explorer searches, next to the repository's query run directly (the ceiling).
    const repo = app.get(FastpathSearchReader);
    const searches: Array<[string, Record<string, string>]> = [
      ['search: last 30 days (default page)', { since, until, limit: '50' }],
      [
        'search: IT web_connectivity, 30 days',
        { probe_cc: 'IT', test_name: 'web_connectivity', since, until, limit: '50' },
      ],
      ['search: IR anomalies, 30 days', { probe_cc: 'IR', anomaly: 'true', since, until, limit: '50' }],
      ['search: one domain, 30 days', { domain: 'www.site17.example', since, until, limit: '50' }],
      ['search: page 5 of 100, 30 days', { since, until, limit: '100', offset: '400' }],
    ];
    for (const [label, params] of searches) {
      const qs = new URLSearchParams(params).toString();
      let found = 0;
      const http = async (): Promise<void> => {
        const res = await fetch(`${url}/api/v1/measurements?${qs}`);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        found = ((await res.json()) as { results: unknown[] }).results.length;
      };
      const direct = async (): Promise<void> => {
        await repo.search(parseSearchParams(params));
      };
      const [viaHttp, ceiling] = await timeInterleaved([http, direct]);
      console.log(`measurements: ${label} (${found} results)`);
      console.log(fmt('HTTP /api/v1/measurements', viaHttp));
      console.log(fmt('same query on the client', ceiling));
    }
  } finally {
    await app.close();
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}
