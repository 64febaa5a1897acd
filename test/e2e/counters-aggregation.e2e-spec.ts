import { ClickHouseClient } from '@clickhouse/client';
import { CountersRefresherService } from '../../src/modules/counters/counters-refresher.service';
import { CountersService } from '../../src/modules/counters/counters.service';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import { finalAggregationAnswer } from '../helpers/final-aggregation';
import { startTestApp, TestApp } from '../helpers/test-app';
import { scoredFixtureRows, spreadRows } from '../unit/aggregation/fastpath-fixture-rows';

const CITIZENLAB = [
  { url: 'https://fa.wikipedia.org/', cc: 'ZZ', category_code: 'CULTR' },
  { url: 'https://fa.wikipedia.org/', cc: 'ir', category_code: 'CULTR' },
  { url: 'https://www.facebook.com/', cc: 'ZZ', category_code: 'GRP' },
  { url: 'http://www.nmrc.org/', cc: 'it', category_code: 'NEWS' },
  { url: 'https://yooz.ir/', cc: 'ir', category_code: 'NEWS' },
  { url: 'https://yooz.ir/', cc: 'ZZ', category_code: 'COMM' },
].map((e) => ({ ...e, domain: new URL(e.url).hostname }));

const AXES: string[][] = [
  [],
  ['measurement_start_day'],
  ['probe_cc'],
  ['probe_asn'],
  ['test_name'],
  ['domain'],
  ['input'],
  ['category_code'],
  ['blocking_type'],
  ['measurement_start_day', 'probe_cc'],
  ['measurement_start_day', 'category_code'],
  ['probe_asn', 'test_name'],
  ['domain', 'probe_cc'],
];

const FILTERS: Array<Record<string, string>> = [
  {},
  { probe_cc: 'IT' },
  { probe_cc: 'IR,IT' },
  { probe_asn: 'AS3269,30722' },
  { test_name: 'web_connectivity' },
  { test_name: 'signal,web_connectivity', probe_cc: 'BR' },
  { domain: 'fa.wikipedia.org' },
  { input: 'https://fa.wikipedia.org/' },
  { category_code: 'NEWS' },
  { category_code: 'CULTR', probe_cc: 'IR' },
  // Counters know no OONI Run links: fastpath alone answers.
  { ooni_run_link_id: '1234' },
];

/** Aligned on days, not aligned (partial first and last days), and hours (fastpath alone). */
const RANGES: Array<Record<string, string>> = [
  { since: '2024-03-01', until: '2024-04-10' },
  { since: '2024-03-03T13:20:00', until: '2024-03-28T06:00:00.5' },
  { since: '2024-03-10', until: '2024-03-17', time_grain: 'hour' },
  { since: '2024-03-02', until: '2024-04-09', time_grain: 'week' },
  { since: '2024-02-20', until: '2024-04-20', time_grain: 'month' },
  // Open ends (only without the time axis, which needs both).
  {},
  { since: '2024-03-10T05:00:00' },
  { until: '2024-03-20' },
];

/** Every axis set with every filter, each over one of the ranges in turn. */
const QUERIES: Array<Record<string, string>> = AXES.flatMap((axes, i) =>
  FILTERS.map((filter, j) => {
    let range = RANGES[(i + j) % RANGES.length];
    if (axes.includes('measurement_start_day') && (!range.since || !range.until)) range = RANGES[0];
    const q: Record<string, string> = { ...filter, ...range };
    if (axes[0] !== undefined) q.axis_x = axes[0];
    if (axes[1] !== undefined) q.axis_y = axes[1];
    if (!axes.includes('measurement_start_day')) delete q.time_grain;
    return q;
  }),
);

type Json = Record<string, unknown>;

describe('Pre-aggregated counters in /api/v1/aggregation (e2e)', () => {
  let t: TestApp;
  let clickhouse: ClickHouseClient;
  let refresher: CountersRefresherService;
  let counters: CountersService;
  let rows: Array<FastpathRow & { ooni_run_link_id?: number }>;

  /** The reference: the legacy query on `fastpath FINAL`, formatted as the API formats it. */
  const finalAnswer = (params: Record<string, string>): Promise<Json[]> => finalAggregationAnswer(clickhouse, params);

  const apiAnswer = async (params: Record<string, string>): Promise<Json[]> => {
    const res = await fetch(`${t.url}/api/v1/aggregation?${new URLSearchParams(params).toString()}`);
    expect({ params, status: res.status }).toEqual({ params, status: 200 });
    const body = (await res.json()) as { result: Json | Json[] };
    const result = Array.isArray(body.result) ? body.result : [body.result];
    return result;
  };

  const expectEveryQueryExact = async (): Promise<void> => {
    for (const params of QUERIES) {
      const [api, ref] = await Promise.all([apiAnswer(params), finalAnswer(params)]);
      expect({ params, result: api }).toEqual({ params, result: ref });
    }
  };

  const cleanDays = (): Promise<string[]> => counters.cleanDays({ first: '2024-01-01', end: '2024-06-01' });

  beforeAll(async () => {
    t = await startTestApp();
    clickhouse = t.clickhouse;
    refresher = t.app.get(CountersRefresherService);
    counters = t.app.get(CountersService);
    const base = scoredFixtureRows();
    rows = spreadRows(base, { start: new Date('2024-03-01T00:00:00Z'), days: 40, copies: 12 }).map((r, i) =>
      i % 4 === 0 ? { ...r, ooni_run_link_id: 1234 } : r,
    );
    await clickhouse.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
    // Re-sent rows: the same keys again, not merged yet.
    await clickhouse.insert({ table: 'fastpath', values: rows.filter((_, i) => i % 7 === 0), format: 'JSONEachRow' });
    await clickhouse.insert({ table: 'citizenlab', values: CITIZENLAB, format: 'JSONEachRow' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('should have duplicates in fastpath that only FINAL collapses', async () => {
    const rs = await clickhouse.query({
      query: 'SELECT (SELECT count() FROM fastpath) AS stored, (SELECT count() FROM fastpath FINAL) AS distinct_rows',
      format: 'JSONEachRow',
    });
    const [{ stored, distinct_rows }] = await rs.json<{ stored: number; distinct_rows: number }>();
    expect(Number(distinct_rows)).toBe(rows.length);
    expect(Number(stored)).toBeGreaterThan(rows.length);
  });

  it('should use no counters before the first build, and mark every written day', async () => {
    expect(await cleanDays()).toEqual([]);
    const summary = await refresher.refresh();
    const days = new Set(rows.map((r) => r.measurement_start_time.slice(0, 10)));
    expect(summary).toMatchObject({ days: days.size, remaining_days: 0 });
    expect(await cleanDays()).toEqual([...days].sort());
    // Nothing was written since: a second run has nothing to do.
    expect(await refresher.refresh()).toMatchObject({ days: 0, months: 0 });
  }, 60_000);

  it('should answer every axis and filter exactly as the FINAL query once the counters are built', async () => {
    await expectEveryQueryExact();
  }, 300_000);

  describe('after late, duplicated and re-scored rows in settled days', () => {
    const LATE_DAY = '2024-03-05';
    const RESCORED_DAY = '2024-03-20';

    beforeAll(async () => {
      const late = rows.slice(0, 40).map((r, i) => ({
        ...r,
        measurement_uid: `late_${i}`,
        report_id: `late_report_${i}`,
        measurement_start_time: `${LATE_DAY} 10:${String(i % 60).padStart(2, '0')}:00`,
      }));
      // Same keys as stored rows, new scores: the newest version counts.
      const rescored = rows
        .filter((r) => r.measurement_start_time.startsWith(RESCORED_DAY))
        .map((r) => ({
          ...r,
          anomaly: r.anomaly === 't' ? 'f' : 't',
          msm_failure: 'f',
          blocking_type: r.anomaly === 't' ? '' : 'dns',
        }));
      expect(rescored.length).toBeGreaterThan(0);
      await clickhouse.insert({ table: 'fastpath', values: [...late, ...late.slice(0, 5)], format: 'JSONEachRow' });
      await clickhouse.insert({ table: 'fastpath', values: rescored, format: 'JSONEachRow' });
    });

    it('should read the touched days from fastpath until the refresher runs', async () => {
      const clean = await cleanDays();
      expect(clean).not.toContain(LATE_DAY);
      expect(clean).not.toContain(RESCORED_DAY);
      expect(clean).toContain('2024-03-06');
      await expectEveryQueryExact();
    }, 300_000);

    it('should rebuild only the touched days and stay exact', async () => {
      expect(await refresher.refresh()).toMatchObject({ days: 2, months: 1 });
      const clean = await cleanDays();
      expect(clean).toContain(LATE_DAY);
      expect(clean).toContain(RESCORED_DAY);
      await expectEveryQueryExact();
    }, 300_000);
  });
});
