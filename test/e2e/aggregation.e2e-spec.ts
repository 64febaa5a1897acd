import { ClickHouseClient } from '@clickhouse/client';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import { startTestApp, TestApp } from '../helpers/test-app';
import { countRows, Grain, groupRows, Row, sortKeys, timeLabel } from '../unit/aggregation/aggregation-oracle';
import { scoredFixtureRows, spreadRows } from '../unit/aggregation/fastpath-fixture-rows';

// CitizenLab entries for some fixture URLs: fa.wikipedia is in the global and the Iranian list with
// the same category (must count once), nmrc.org only in the Italian list.
const CITIZENLAB = [
  { url: 'https://fa.wikipedia.org/', cc: 'ZZ', category_code: 'CULTR' },
  { url: 'https://fa.wikipedia.org/', cc: 'ir', category_code: 'CULTR' },
  { url: 'https://www.facebook.com/', cc: 'ZZ', category_code: 'GRP' },
  { url: 'http://archive.org', cc: 'ZZ', category_code: 'CULTR' },
  { url: 'http://www.nmrc.org/', cc: 'it', category_code: 'NEWS' },
  { url: 'https://yooz.ir/', cc: 'ir', category_code: 'NEWS' },
  { url: 'https://yooz.ir/', cc: 'ZZ', category_code: 'COMM' },
].map((e) => ({ ...e, domain: new URL(e.url).hostname }));

/** CitizenLab categories of a URL in the global list and the lists of `ccs` (lower-case). */
function categoriesOf(url: string, ccs: string[]): string[] {
  const lists = new Set(['ZZ', ...ccs.map((c) => c.toLowerCase())]);
  return [...new Set(CITIZENLAB.filter((e) => e.url === url && lists.has(e.cc)).map((e) => e.category_code))];
}

// Response bodies are checked field by field against the oracle.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const SPREAD_START = new Date('2024-03-01T00:00:00Z');
const RUN_LINKS = [1234, 2345, 999] as const;

describe('AggregationController (e2e)', () => {
  let t: TestApp;
  let url: string;
  let clickhouse: ClickHouseClient;
  /** Every distinct row in fastpath. */
  let rows: Array<FastpathRow & { ooni_run_link_id?: number }>;
  let duplicated: number;

  const get = (path: string): Promise<Response> => fetch(`${url}${path}`);
  const getJson = async (path: string): Promise<Json> => {
    const res = await get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.json();
  };
  const expect400 = async (path: string, error: string): Promise<void> => {
    const res = await get(path);
    expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status: 400, body: { error, v: 0 } });
  };
  const withoutStats = (body: Json): Json => {
    const { db_stats: _stats, ...rest } = body;
    return rest;
  };
  const inRange = (r: FastpathRow, since: string, until: string): boolean =>
    r.measurement_start_time >= since && r.measurement_start_time < until;

  beforeAll(async () => {
    t = await startTestApp();
    url = t.url;
    clickhouse = t.clickhouse;
    const base = scoredFixtureRows();
    // Some measurements come from OONI Run links (annotations.ooni_run_link_id).
    rows = [...base, ...spreadRows(base, { start: SPREAD_START, days: 40, copies: 15 })].map((r, i) =>
      i % 5 < 3 ? { ...r, ooni_run_link_id: RUN_LINKS[i % 5] } : r,
    );
    await clickhouse.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
    // A reprocessing pass re-inserts rows with the same key: ReplacingMergeTree keeps them until a merge.
    const again = rows.filter((_, i) => i % 7 === 0);
    duplicated = again.length;
    await clickhouse.insert({ table: 'fastpath', values: again, format: 'JSONEachRow' });
    await clickhouse.insert({ table: 'citizenlab', values: CITIZENLAB, format: 'JSONEachRow' });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('counters', () => {
    it('should count every distinct measurement once although duplicates are not merged', async () => {
      const rs = await clickhouse.query({ query: 'SELECT count() AS n FROM fastpath', format: 'JSONEachRow' });
      const [{ n }] = await rs.json<{ n: number }>();
      expect(Number(n)).toBe(rows.length + duplicated);

      const body = await getJson('/api/v1/aggregation');
      expect(withoutStats(body)).toEqual({ v: 0, dimension_count: 0, result: countRows(rows) });
      expect(body.result.measurement_count).toBe(rows.length);
    });

    it('should make the four counters mutually exclusive and sum to measurement_count', async () => {
      const { result } = await getJson('/api/v1/aggregation?axis_x=test_name');
      expect(result.length).toBeGreaterThan(10);
      for (const r of result) {
        expect(r.anomaly_count + r.confirmed_count + r.failure_count + r.ok_count).toBe(r.measurement_count);
      }
      const total = countRows(rows);
      // the fixtures include anomalies, confirmed blocking and failures (also failures with an anomaly)
      expect(total.anomaly_count).toBeGreaterThan(0);
      expect(total.confirmed_count).toBeGreaterThan(0);
      expect(total.failure_count).toBeGreaterThan(0);
      expect(rows.some((r) => r.anomaly === 't' && r.msm_failure === 't')).toBe(true);
    });

    it('should return the legacy db_stats and sorted keys', async () => {
      const body = await getJson('/api/v1/aggregation?probe_cc=IT');
      expect(Object.keys(body).sort()).toEqual(['db_stats', 'dimension_count', 'result', 'v']);
      expect(Object.keys(body.result)).toEqual([
        'anomaly_count',
        'confirmed_count',
        'failure_count',
        'measurement_count',
        'ok_count',
      ]);
      const s = body.db_stats;
      expect(Object.keys(s).sort()).toEqual(['bytes', 'elapsed_seconds', 'row_count', 'total_row_count']);
      expect(s.row_count).toBeGreaterThan(0);
      expect(s.bytes).toBeGreaterThan(0);
      expect(typeof s.elapsed_seconds).toBe('number');
    });
  });

  describe('filters', () => {
    const cases: Array<[string, string, (r: FastpathRow) => boolean]> = [
      ['one country', 'probe_cc=IT', (r) => r.probe_cc === 'IT'],
      ['several countries', 'probe_cc=BR,DE', (r) => ['BR', 'DE'].includes(r.probe_cc)],
      ['an ASN with AS prefix', 'probe_asn=AS3269', (r) => r.probe_asn === 3269],
      ['ASNs with and without prefix', 'probe_asn=3320,AS8167', (r) => [3320, 8167].includes(r.probe_asn)],
      ['test names', 'test_name=web_connectivity,torsf', (r) => ['web_connectivity', 'torsf'].includes(r.test_name)],
      [
        'domains',
        'domain=fa.wikipedia.org,www.facebook.com',
        (r) => ['fa.wikipedia.org', 'www.facebook.com'].includes(r.domain),
      ],
      [
        'an input URL',
        `input=${encodeURIComponent('https://fa.wikipedia.org/')}`,
        (r) => r.input === 'https://fa.wikipedia.org/',
      ],
      [
        'an input with braces and commas',
        `input=${encodeURIComponent('{a0.awsstatic.com,d2cly7j4zqgua7.cloudfront.net}')}`,
        (r) => r.input === '{a0.awsstatic.com,d2cly7j4zqgua7.cloudfront.net}',
      ],
      ['a category (global list only)', 'category_code=CULTR', (r) => categoriesOf(r.input, []).includes('CULTR')],
      [
        'a category of a country list with probe_cc',
        'category_code=NEWS&probe_cc=IT,IR',
        (r) => ['IT', 'IR'].includes(r.probe_cc) && categoriesOf(r.input, ['IT', 'IR']).includes('NEWS'),
      ],
      ['since (inclusive)', 'since=2024-03-10', (r) => r.measurement_start_time >= '2024-03-10 00:00:00'],
      ['until (exclusive)', 'until=2024-03-10T12:00:00Z', (r) => r.measurement_start_time < '2024-03-10 12:00:00'],
      [
        'every filter together',
        'probe_cc=IT,IR&test_name=web_connectivity&since=2024-03-01&until=2024-04-01&probe_asn=AS3269,197207',
        (r) =>
          ['IT', 'IR'].includes(r.probe_cc) &&
          r.test_name === 'web_connectivity' &&
          [3269, 197207].includes(r.probe_asn) &&
          inRange(r, '2024-03-01 00:00:00', '2024-04-01 00:00:00'),
      ],
    ];

    it.each(cases)('should filter by %s', async (_name, query, predicate) => {
      const expected = countRows(rows.filter(predicate));
      expect(expected.measurement_count).toBeGreaterThan(0);
      expect(expected.measurement_count).toBeLessThan(rows.length);
      const body = await getJson(`/api/v1/aggregation?${query}`);
      expect(withoutStats(body)).toEqual({ v: 0, dimension_count: 0, result: expected });
    });

    it('should include a measurement at exactly since and exclude one at exactly until', async () => {
      const t = rows[100].measurement_start_time;
      const iso = t.replace(' ', 'T');
      const at = rows.filter((r) => r.measurement_start_time === t).length;
      const from = await getJson(`/api/v1/aggregation?since=${iso}&until=${iso.slice(0, 10)}T23:59:59.5`);
      const before = await getJson(`/api/v1/aggregation?since=${iso.slice(0, 10)}&until=${iso}`);
      const day = await getJson(`/api/v1/aggregation?since=${iso.slice(0, 10)}&until=${iso.slice(0, 10)}T23:59:59.5`);
      expect(from.result.measurement_count).toBeGreaterThanOrEqual(at);
      expect(from.result.measurement_count + before.result.measurement_count).toBe(day.result.measurement_count);
    });

    it('should read a date with an offset as the same instant in UTC', async () => {
      const utc = await getJson('/api/v1/aggregation?since=2024-03-05T00:00:00Z&until=2024-03-09T00:00:00Z');
      const offset = await getJson(
        '/api/v1/aggregation?since=2024-03-05T02:00:00%2B02:00&until=2024-03-08T19:00:00-05:00',
      );
      expect(offset.result).toEqual(utc.result);
    });

    it('should count only the measurements of the requested OONI Run links', async () => {
      const body = await getJson('/api/v1/aggregation?ooni_run_link_id=1234,2345');
      const expected = rows.filter((r) => [1234, 2345].includes(Number(r.ooni_run_link_id)));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(rows.length / 2);
      expect(body.result).toEqual(countRows(expected));
      const none = await getJson('/api/v1/aggregation?ooni_run_link_id=4242');
      expect(none.result.measurement_count).toBe(0);
    });

    it('should take the first value of a repeated parameter, as legacy', async () => {
      const body = await getJson('/api/v1/aggregation?probe_cc=IT&probe_cc=DE');
      expect(body.result).toEqual(countRows(rows.filter((r) => r.probe_cc === 'IT')));
    });

    it('should treat empty parameters as absent', async () => {
      const body = await getJson('/api/v1/aggregation?probe_cc=&axis_x=&domain=&input=&since=&until=&test_name=');
      expect(withoutStats(body)).toEqual({ v: 0, dimension_count: 0, result: countRows(rows) });
    });
  });

  describe('axes', () => {
    const axisValue: Record<string, (r: FastpathRow) => string | number> = {
      probe_cc: (r) => r.probe_cc,
      probe_asn: (r) => r.probe_asn,
      test_name: (r) => r.test_name,
      domain: (r) => r.domain,
      input: (r) => r.input,
      blocking_type: (r) => r.blocking_type,
    };

    it.each(Object.keys(axisValue))('should group by %s on the x axis', async (axis) => {
      const body = await getJson(`/api/v1/aggregation?axis_x=${axis}`);
      expect(body.dimension_count).toBe(1);
      expect(body.result).toEqual(groupRows(rows, (r) => [{ [axis]: axisValue[axis](r) }]));
    });

    it('should group by the y axis alone like by the x axis', async () => {
      const x = await getJson('/api/v1/aggregation?axis_x=probe_cc&test_name=web_connectivity');
      const y = await getJson('/api/v1/aggregation?axis_y=probe_cc&test_name=web_connectivity');
      expect(y.dimension_count).toBe(1);
      expect(y.result).toEqual(x.result);
    });

    it('should group by category_code through the CitizenLab lists, counting a URL once per category', async () => {
      const body = await getJson('/api/v1/aggregation?axis_x=category_code&probe_cc=IT,IR');
      const selected = rows.filter((r) => ['IT', 'IR'].includes(r.probe_cc));
      const expected = groupRows(selected, (r) =>
        categoriesOf(r.input, ['IT', 'IR']).map((c) => ({ category_code: c })),
      );
      expect(expected.map((r) => r.category_code)).toEqual(['COMM', 'CULTR', 'GRP', 'NEWS']);
      expect(body.result).toEqual(expected);
    });

    it('should group by two axes: day x country', async () => {
      const q = 'since=2024-03-01&until=2024-03-15&axis_x=measurement_start_day&axis_y=probe_cc&time_grain=day';
      const body = await getJson(`/api/v1/aggregation?${q}`);
      expect(body.dimension_count).toBe(2);
      const selected = rows.filter((r) => inRange(r, '2024-03-01 00:00:00', '2024-03-15 00:00:00'));
      expect(body.result).toEqual(
        groupRows(selected, (r) => [
          { measurement_start_day: timeLabel(r.measurement_start_time, 'day'), probe_cc: r.probe_cc },
        ]),
      );
    });

    it('should group by two axes: country x ASN, ordered by x then y', async () => {
      const body = await getJson('/api/v1/aggregation?axis_x=probe_cc&axis_y=probe_asn');
      expect(body.result).toEqual(groupRows(rows, (r) => [{ probe_cc: r.probe_cc, probe_asn: r.probe_asn }]));
      expect(typeof body.result[0].probe_asn).toBe('number');
    });
  });

  describe('time grains', () => {
    const grainCases: Array<[string, string, string, Grain]> = [
      ['hour', '2024-03-02', '2024-03-05', 'hour'],
      ['day', '2024-03-02', '2024-03-05', 'day'],
      ['day', '2024-03-01', '2024-04-10', 'day'],
      ['week', '2024-03-01', '2024-03-25', 'week'],
      ['month', '2024-01-01', '2024-06-01', 'month'],
      ['year', '2014-01-01', '2026-01-01', 'year'],
      ['auto', '2024-03-02', '2024-03-09', 'hour'],
      ['auto', '2024-03-01', '2024-03-31', 'day'],
      ['auto', '2024-03-01', '2025-03-01', 'day'],
      ['AUTO', '2014-01-01', '2026-01-01', 'day'],
    ];

    it.each(grainCases)('should group time_grain=%s over %s..%s by %s', async (grain, since, until, expected) => {
      const body = await getJson(
        `/api/v1/aggregation?axis_x=measurement_start_day&since=${since}&until=${until}&time_grain=${grain}`,
      );
      const selected = rows.filter((r) => inRange(r, `${since} 00:00:00`, `${until} 00:00:00`));
      const want: Row[] = groupRows(selected, (r) => [
        { measurement_start_day: timeLabel(r.measurement_start_time, expected) },
      ]);
      expect(want.length).toBeGreaterThan(1);
      expect(body.result).toEqual(want);
    });

    it('should default time_grain to auto', async () => {
      const a = await getJson('/api/v1/aggregation?axis_x=measurement_start_day&since=2024-03-02&until=2024-03-04');
      expect(a.result[0].measurement_start_day).toMatch(/^2024-03-02T\d\d:00:00Z$/);
    });

    it.each([
      ['year', '2024-03-01', '2024-03-05', 'Choose time_grain between hour, day, auto for the given time range'],
      ['hour', '2024-03-01', '2024-03-20', 'Choose time_grain between day, week, auto for the given time range'],
      ['year', '2024-01-01', '2024-06-01', 'Choose time_grain between day, week, month, auto for the given time range'],
      [
        'hour',
        '2020-07-09',
        '2022-07-11',
        'Choose time_grain between day, week, month, year, auto for the given time range',
      ],
    ])('should refuse time_grain=%s over %s..%s', async (grain, since, until, error) => {
      await expect400(
        `/api/v1/aggregation?axis_x=measurement_start_day&since=${since}&until=${until}&time_grain=${grain}`,
        error,
      );
    });

    it.each([
      ['without since', 'until=2024-03-10'],
      ['without until', 'since=2024-03-10'],
      ['with until before since', 'since=2024-03-10&until=2024-03-01'],
      ['with until equal to since', 'since=2024-03-10&until=2024-03-10'],
    ])('should refuse the day axis %s', async (_name, q) => {
      await expect400(`/api/v1/aggregation?axis_y=measurement_start_day&${q}`, 'Invalid since and until values');
    });
  });

  describe('CSV', () => {
    it('should answer CSV with sorted columns, CRLF lines and no attachment', async () => {
      const res = await get('/api/v1/aggregation?probe_cc=IT&format=CSV');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBeNull();
      const c = countRows(rows.filter((r) => r.probe_cc === 'IT'));
      expect(await res.text()).toBe(
        'anomaly_count,confirmed_count,failure_count,measurement_count,ok_count\r\n' +
          `${c.anomaly_count},${c.confirmed_count},${c.failure_count},${c.measurement_count},${c.ok_count}\r\n`,
      );
    });

    it('should quote inputs holding commas and answer one line per group', async () => {
      const res = await get('/api/v1/aggregation?axis_x=input&test_name=meek_fronted_requests_test&format=csv');
      const lines = (await res.text()).split('\r\n');
      expect(lines[0]).toBe('anomaly_count,confirmed_count,failure_count,input,measurement_count,ok_count');
      const groups = groupRows(
        rows.filter((r) => r.test_name === 'meek_fronted_requests_test'),
        (r) => [{ input: r.input }],
      );
      expect(lines.slice(1, -1)).toEqual(
        groups.map(
          (g) =>
            `${g.anomaly_count},${g.confirmed_count},${g.failure_count},"${g.input}",${g.measurement_count},${g.ok_count}`,
        ),
      );
      expect(lines[lines.length - 1]).toBe('');
    });

    it('should send CSV as an attachment with download=true', async () => {
      const res = await get('/api/v1/aggregation?format=CSV&download=true&axis_x=probe_cc');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename=ooni-aggregate-data.csv');
    });

    it('should send JSON as an attachment with download=true', async () => {
      const res = await get('/api/v1/aggregation?download=true');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename=ooni-aggregate-data.json');
    });
  });

  describe('cache headers', () => {
    it('should cache answers over settled data for a day', async () => {
      const res = await get('/api/v1/aggregation?since=2024-03-01&until=2024-04-01');
      expect(res.headers.get('cache-control')).toBe('max-age=86400');
    });

    it('should cache answers reaching recent data briefly', async () => {
      const recent = new Date(Date.now() - 3600_000).toISOString().slice(0, 10);
      expect((await get(`/api/v1/aggregation?until=${recent}`)).headers.get('cache-control')).toBe('max-age=300');
      expect((await get('/api/v1/aggregation?since=2024-03-01')).headers.get('cache-control')).toBe('max-age=300');
    });
  });

  describe('bad parameters', () => {
    it.each([
      ['axis_x=Probe_CC', 'Invalid characters'],
      ['axis_x=bogus', 'Invalid axis name'],
      ['axis_y=probe', 'Invalid axis name'],
      ['axis_x=probe_cc&axis_y=probe_cc', 'Axis X and Y cannot be the same'],
      ['category_code=news', 'Invalid characters'],
      ['test_name=BOGUS', 'Invalid characters'],
      ['domain=not_a..domain', 'Invalid characters in domain field'],
      ['domain=example.com:http', 'Invalid characters in domain field'],
      ['input=~!^{}', 'Invalid characters in input field'],
      ['input=foo.org;', 'Invalid characters in input field'],
      ['input=foo.org%3D%27', 'Invalid characters in input field'],
      ['probe_asn=ASX', 'Invalid ASN value in parameter probe_asn'],
      ['probe_asn=AS99999999999', 'Invalid ASN value in parameter probe_asn'],
      ['probe_asn=-1', 'Invalid ASN value in parameter probe_asn'],
      ['probe_cc=it', 'Invalid characters'],
      ['probe_cc=ITA', 'Invalid CC value in parameter probe_cc'],
      ['ooni_run_link_id=abc', 'Invalid ooni_run_link_id value'],
      ['since=yesterday', 'Unknown string format: yesterday'],
      ['until=2024-02-30', 'Unknown string format: 2024-02-30'],
      ['since=1969-12-31', 'Date out of range in parameter since'],
      ['until=9999-01-01', 'Date out of range in parameter until'],
      ['time_grain=minute', 'Choose time_grain between hour, day, week, month, year, auto'],
      ['format=XML', 'Invalid format'],
    ])('should answer 400 to %s', async (q, error) => {
      await expect400(`/api/v1/aggregation?${q}`, error);
    });

    it.each([
      'probe_cc=' + encodeURIComponent("IT' OR 1=1--"),
      'probe_asn=' + encodeURIComponent('3269) OR (1=1'),
      'test_name=' + encodeURIComponent("web_connectivity'); DROP TABLE fastpath; --"),
      'domain=' + encodeURIComponent("example.com' OR '1'='1"),
      'input=' + encodeURIComponent("https://x/' OR 1=1--"),
      'category_code=' + encodeURIComponent("NEWS' OR 1=1--"),
      'ooni_run_link_id=' + encodeURIComponent('1) OR (1=1'),
      'since=' + encodeURIComponent("2024-01-01' OR 1=1--"),
      'until=' + encodeURIComponent('2024-01-01 00:00:00; DROP TABLE fastpath'),
      // eslint-disable-next-line no-restricted-syntax -- an injection attempt sent as URL text
      'time_grain=' + encodeURIComponent('day(measurement_start_time)), (SELECT 1'),
      'axis_x=' + encodeURIComponent('probe_cc; DROP TABLE fastpath'),
      // eslint-disable-next-line no-restricted-syntax -- an injection attempt sent as URL text
      'axis_y=' + encodeURIComponent('probe_cc, (SELECT count() FROM system.tables)'),
      'axis_x=probe_cc&axis_y=' + encodeURIComponent('test_name--'),
      'format=' + encodeURIComponent("CSV' --"),
    ])('should refuse the injection attempt %s with 400', async (q) => {
      const res = await get(`/api/v1/aggregation?${q}`);
      expect(res.status).toBe(400);
      const body: Json = await res.json();
      expect(body.v).toBe(0);
      expect(typeof body.error).toBe('string');
    });

    it('should take an injection in an accepted value literally', async () => {
      // spaces, '=' and '-' are valid in an input: the value can only match an equal input
      const body = await getJson('/api/v1/aggregation?input=' + encodeURIComponent('x OR 1=1 --'));
      expect(body.result.measurement_count).toBe(0);
      const axis = await getJson(
        '/api/v1/aggregation?axis_x=input&input=' + encodeURIComponent('http://x/?a=1 OR 1=1'),
      );
      expect(axis.result).toEqual([]);
    });

    it('should leave the table intact after the attempts', async () => {
      const body = await getJson('/api/v1/aggregation');
      expect(body.result.measurement_count).toBe(rows.length);
    });

    it('should never answer 5xx to odd parameter shapes', async () => {
      const odd = [
        'probe_cc=' + 'A,'.repeat(2000),
        'probe_asn=' + '1,'.repeat(2000),
        'domain=' + encodeURIComponent('ü.example.com,xn--.com,[::1]:80,1.2.3.4:443'),
        'input=' + encodeURIComponent('http://例え.jp/'),
        'since=' + encodeURIComponent('2024-03-01T00:00:00.999999999+14:00'),
        'axis_x[]=probe_cc',
        'axis_x=measurement_start_day&axis_y=category_code&since=2024-03-01&until=2024-03-03&category_code=NEWS',
        'download=TRUE&format=csv&axis_x=blocking_type&axis_y=test_name',
        '%00=1&probe_cc=%00',
      ];
      for (const q of odd) {
        const res = await get(`/api/v1/aggregation?${q}`);
        expect({ q, ok: res.status < 500 }).toEqual({ q, ok: true });
      }
    });
  });

  describe('torsf_stats', () => {
    const torsf = (): FastpathRow[] => rows.filter((r) => r.test_name === 'torsf');
    const expectedTorsf = (selected: FastpathRow[]): Row[] =>
      groupRows(selected, (r) => [
        { measurement_start_day: r.measurement_start_time.slice(0, 10), probe_cc: r.probe_cc },
      ]).map((g) => {
        const { ok_count: _ok, ...rest } = g;
        // legacy torsf counters are not exclusive: an anomaly is an anomaly, also when it failed
        const day = selected.filter(
          (r) => r.measurement_start_time.startsWith(String(g.measurement_start_day)) && r.probe_cc === g.probe_cc,
        );
        const anomaly = day.filter((r) => r.anomaly === 't').length;
        return sortKeys({
          ...rest,
          anomaly_count: anomaly,
          confirmed_count: day.filter((r) => r.confirmed === 't').length,
          failure_count: day.filter((r) => r.msm_failure === 't').length,
          anomaly_rate: anomaly / day.length,
        });
      });

    it('should count torsf measurements by day and country', async () => {
      const res = await get('/api/v1/torsf_stats');
      expect(res.status).toBe(200);
      const body: Json = await res.json();
      expect(Object.keys(body).sort()).toEqual(['result', 'v']);
      expect(body.result).toEqual(expectedTorsf(torsf()));
      expect(body.result.length).toBeGreaterThan(5);
      expect(res.headers.get('cache-control')).toBe('max-age=300');
    });

    it('should filter by country with since exclusive and until inclusive', async () => {
      const mine = torsf().filter((r) => r.probe_cc === 'IT' && r.measurement_start_time >= '2024-03-01');
      const t = mine[0].measurement_start_time;
      const iso = `${t.replace(' ', 'T')}Z`;
      const until = await getJson(`/api/v1/torsf_stats?probe_cc=it&since=2024-03-01&until=${iso}`);
      expect(until.result).toEqual(
        expectedTorsf(
          torsf().filter(
            (r) =>
              r.probe_cc === 'IT' && r.measurement_start_time > '2024-03-01 00:00:00' && r.measurement_start_time <= t,
          ),
        ),
      );
      const since = await getJson(`/api/v1/torsf_stats?probe_cc=IT&since=${iso}&until=2024-05-01`);
      expect(since.result).toEqual(
        expectedTorsf(
          torsf().filter(
            (r) =>
              r.probe_cc === 'IT' && r.measurement_start_time > t && r.measurement_start_time <= '2024-05-01 00:00:00',
          ),
        ),
      );
      const res = await get('/api/v1/torsf_stats?since=2024-03-01&until=2024-04-01');
      expect(res.headers.get('cache-control')).toBe('max-age=86400');
    });

    it.each([
      ['probe_cc=ITA', 'Invalid CC value in parameter probe_cc'],
      ['probe_cc=' + encodeURIComponent("IT' OR 1=1--"), 'Invalid CC value in parameter probe_cc'],
      ['since=' + encodeURIComponent("2021' OR 1=1--"), "Unknown string format: 2021' OR 1=1--"],
      ['until=tomorrow', 'Unknown string format: tomorrow'],
    ])('should answer 400 to %s', async (q, error) => {
      await expect400(`/api/v1/torsf_stats?${q}`, error);
    });
  });
});
