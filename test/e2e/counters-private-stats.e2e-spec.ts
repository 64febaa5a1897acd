import { ClickHouseClient } from '@clickhouse/client';
import { countedWindow, CountedWindow } from '../../src/modules/counters/counters-plan';
import { CountersRefresherService } from '../../src/modules/counters/counters-refresher.service';
import { CountersService } from '../../src/modules/counters/counters.service';
import { FastpathStatsReader } from '../../src/modules/fastpath-store/fastpath-stats.reader';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import {
  allTime,
  last24Months,
  last31Days,
  last6Months,
  sinceOoniStart,
  StatsWindow,
} from '../../src/modules/private-stats/stats-windows';
import { startTestApp, TestApp } from '../helpers/test-app';
import { NETWORKS, scoredFixtureRows, spreadRows } from '../unit/aggregation/fastpath-fixture-rows';

const DAY_MS = 86_400_000;

describe('Pre-aggregated counters in the Explorer statistics (e2e)', () => {
  let t: TestApp;
  let clickhouse: ClickHouseClient;
  let repo: FastpathStatsReader;
  let counters: CountersService;
  let rows: FastpathRow[];
  const now = new Date();

  /** The same window read through the counters, and from fastpath FINAL alone (the reference). */
  const both = async (window: (now: Date) => StatsWindow): Promise<[CountedWindow, CountedWindow]> => {
    const w = window(now);
    return [await counters.countedWindow(w.since, w.until), countedWindow(w.since, w.until, undefined)];
  };

  /** Every counted statistic, once per window kind. */
  const answers = async (w: (now: Date) => StatsWindow, read: (cw: CountedWindow) => Promise<unknown>) => {
    const [withCounters, rawOnly] = await both(w);
    return { counted: await read(withCounters), raw: await read(rawOnly) };
  };

  const CASES: Array<[string, (now: Date) => StatsWindow, (cw: CountedWindow) => Promise<unknown>]> = [
    ['asn_by_month', last24Months, (w) => repo.distinctByMonth('networks', w)],
    ['countries_by_month', last24Months, (w) => repo.distinctByMonth('countries', w)],
    ['global_overview_by_month', last24Months, (w) => repo.monthlyTotals(w)],
    ['countries', allTime, (w) => repo.countryCounts(w)],
    ['country_overview IT', sinceOoniStart, (w) => repo.countryOverview('IT', w)],
    ['country_overview XX (none)', sinceOoniStart, (w) => repo.countryOverview('XX', w)],
    ['global_overview', allTime, (w) => repo.globalOverview(w)],
    ['networks', allTime, (w) => repo.networkCounts(w)],
    ['vanilla_tor_stats IT', last6Months, (w) => repo.vanillaTorNetworks('IT', w)],
    ['website_urls count', last31Days, (w) => repo.websiteUrlCount('IT', 30722, w)],
    ['website_urls page', last31Days, (w) => repo.websiteUrls('IT', 30722, 5, 2, w)],
    ['website_urls BR', last31Days, (w) => repo.websiteUrls('BR', 28573, 100, 0, w)],
  ];

  const expectAllEqual = async (): Promise<void> => {
    for (const [name, window, read] of CASES) {
      const { counted, raw } = await answers(window, read);
      expect({ name, answer: counted }).toEqual({ name, answer: raw });
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    clickhouse = t.clickhouse;
    repo = t.app.get(FastpathStatsReader);
    counters = t.app.get(CountersService);
    const base = scoredFixtureRows();
    // 70 days up to now: settled days, yesterday and today (never built), two months.
    const start = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - 68 * DAY_MS);
    rows = spreadRows(base, { start, days: 69, copies: 20, seed: 7 });
    await clickhouse.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
    await clickhouse.insert({ table: 'fastpath', values: rows.filter((_, i) => i % 5 === 0), format: 'JSONEachRow' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('should count duplicates once, from fastpath alone before the counters are built', async () => {
    const [, raw] = await both(allTime);
    expect(Number((await repo.globalOverview(raw)).measurement_count)).toBe(rows.length);
    await expectAllEqual();
  }, 120_000);

  it('should give the same answers with most days from the counters', async () => {
    await t.app.get(CountersRefresherService).refresh();
    const clean = await counters.cleanDays({ first: '2000-01-01', end: '2100-01-01' });
    expect(clean.length).toBeGreaterThan(60);
    const [withCounters] = await both(allTime);
    expect(Number((await repo.globalOverview(withCounters)).measurement_count)).toBe(rows.length);
    expect((await repo.networkCounts(withCounters)).map((r) => r.probe_asn)).toEqual(
      [...new Set(NETWORKS.map(([, asn]) => asn))].sort((a, b) => a - b),
    );
    await expectAllEqual();
  }, 120_000);

  it('should stay exact after re-scored and late rows in settled days, before and after the rebuild', async () => {
    const old = utcDayString(new Date(now.getTime() - 20 * DAY_MS));
    const rescored = rows
      .filter((r) => r.measurement_start_time.startsWith(old))
      .map((r) => ({ ...r, anomaly: r.anomaly === 't' ? 'f' : 't', confirmed: 'f', msm_failure: 'f' }));
    const late = rows.slice(0, 30).map((r, i) => ({
      ...r,
      measurement_uid: `late_${i}`,
      report_id: `late_${i}`,
      probe_cc: 'IT',
      probe_asn: 30722,
      measurement_start_time: `${old} 12:00:${String(i).padStart(2, '0')}`,
    }));
    expect(rescored.length).toBeGreaterThan(0);
    await clickhouse.insert({ table: 'fastpath', values: [...rescored, ...late], format: 'JSONEachRow' });
    expect(await counters.cleanDays({ first: old, end: '2100-01-01' })).not.toContain(old);
    // The day written to is read from fastpath: a gap of the counters' days, not the end of the span.
    expect((await both(last31Days))[0].raw_days).toEqual([old]);
    await expectAllEqual();
    await t.app.get(CountersRefresherService).refresh();
    expect(await counters.cleanDays({ first: old, end: '2100-01-01' })).toContain(old);
    await expectAllEqual();
  }, 120_000);
});

function utcDayString(d: Date): string {
  return d.toISOString().slice(0, 10);
}
