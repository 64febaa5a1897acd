import { ClickHouseClient } from '@clickhouse/client';
import { CountersRefresherService } from '../../src/modules/counters/counters-refresher.service';
import { CountersService } from '../../src/modules/counters/counters.service';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import { finalAggregationAnswer } from '../helpers/final-aggregation';
import { startTestApp, TestApp } from '../helpers/test-app';
import { scoredFixtureRows, spreadRows } from '../unit/aggregation/fastpath-fixture-rows';

const BOUND_S = 4;
const LATE_DAY = '2024-03-07';

/** Whole days, all clean once built: answered from the counters alone. */
const ALIGNED = { since: '2024-03-02', until: '2024-03-12' };
const QUERIES: Array<Record<string, string>> = [
  { ...ALIGNED, axis_x: 'measurement_start_day', axis_y: 'probe_cc', time_grain: 'day' },
  { ...ALIGNED, axis_x: 'probe_asn', test_name: 'web_connectivity' },
  { ...ALIGNED, axis_x: 'input' },
  { ...ALIGNED },
];

type Json = Record<string, unknown>;

describe('Clean days kept in memory for /api/v1/aggregation (e2e)', () => {
  let t: TestApp;
  let clickhouse: ClickHouseClient;
  let refresher: CountersRefresherService;
  let counters: CountersService;
  let rows: FastpathRow[];

  const apiAnswers = async (): Promise<Json[][]> => {
    const out: Json[][] = [];
    for (const params of QUERIES) {
      const res = await fetch(`${t.url}/api/v1/aggregation?${new URLSearchParams(params).toString()}`);
      expect({ params, status: res.status }).toEqual({ params, status: 200 });
      const body = (await res.json()) as { result: Json | Json[] };
      out.push(Array.isArray(body.result) ? body.result : [body.result]);
    }
    return out;
  };

  const finalAnswers = (): Promise<Json[][]> => Promise.all(QUERIES.map((q) => finalAggregationAnswer(clickhouse, q)));
  const splitOfAligned = () =>
    counters.split(new Date(`${ALIGNED.since}T00:00:00Z`), new Date(`${ALIGNED.until}T00:00:00Z`));
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    t = await startTestApp({ counters: { clean_days_s: BOUND_S } });
    clickhouse = t.clickhouse;
    refresher = t.app.get(CountersRefresherService);
    counters = t.app.get(CountersService);
    rows = spreadRows(scoredFixtureRows(), { start: new Date('2024-03-01T00:00:00Z'), days: 14, copies: 6 });
    await clickhouse.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
    expect(await refresher.refresh()).toMatchObject({ days: 14, remaining_days: 0 });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('should answer whole clean days from the counters alone, as the FINAL query', async () => {
    expect(await splitOfAligned()).toEqual({ first: '2024-03-02', end: '2024-03-12', rawDays: [], raw: false });
    expect(await apiAnswers()).toEqual(await finalAnswers());
  }, 60_000);

  describe('after another writer inserts into a clean day', () => {
    let before: Json[][];

    beforeAll(async () => {
      before = await apiAnswers();
      // New measurements of a settled day, straight into fastpath (as another host or a reprocessing would).
      const late = rows
        .filter((r) => r.measurement_start_time.startsWith('2024-03-06'))
        .map((r, i) => ({
          ...r,
          measurement_uid: `late_${i}`,
          report_id: `late_report_${i}`,
          measurement_start_time: `${LATE_DAY} ${r.measurement_start_time.slice(11)}`,
        }));
      expect(late.length).toBeGreaterThan(0);
      await clickhouse.insert({ table: 'fastpath', values: late, format: 'JSONEachRow' });
    }, 60_000);

    it('should read that day from fastpath once the bound has passed, and equal the FINAL query', async () => {
      await sleep(BOUND_S * 1000 + 200);
      expect(await splitOfAligned()).toEqual({
        first: '2024-03-02',
        end: '2024-03-12',
        rawDays: [LATE_DAY],
        raw: true,
      });
      const answers = await apiAnswers();
      expect(answers).toEqual(await finalAnswers());
      // The late rows changed the answers: the counters alone would now be wrong.
      expect(answers).not.toEqual(before);
    }, 60_000);

    it("should use the day's counters again right after this host's job rebuilt it", async () => {
      expect(await refresher.refresh()).toMatchObject({ days: 1 });
      // Well within the bound: only the job's invalidation can make the day clean here.
      expect(await splitOfAligned()).toEqual({ first: '2024-03-02', end: '2024-03-12', rawDays: [], raw: false });
      expect(await apiAnswers()).toEqual(await finalAnswers());
    }, 60_000);
  });
});
