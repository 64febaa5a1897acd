import { ResponseCache } from '../../src/common/cache/response-cache.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { scoredFixtureRows } from '../unit/aggregation/fastpath-fixture-rows';

type Search = { metadata: { count: number }; results: Array<{ measurement_uid: string }> };
type Mat = { result: Array<{ measurement_count: number }> };

/** Measurement search and MAT keep an answer for `response_cache.search_s` / `aggregation_s`. */
describe('Read cache of search and MAT', () => {
  let t: TestApp;
  const rows = scoredFixtureRows();
  const half = Math.floor(rows.length / 2);

  beforeAll(async () => {
    t = await startTestApp({ response_cache: { enabled: true, search_s: 60, aggregation_s: 60 } });
    await t.clickhouse.insert({ table: 'fastpath', values: rows.slice(0, half), format: 'JSONEachRow' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = async <T>(path: string): Promise<{ body: T; cacheControl: string | null }> => {
    const res = await fetch(`${t.url}${path}`);
    expect(res.status).toBe(200);
    return { body: (await res.json()) as T, cacheControl: res.headers.get('cache-control') };
  };
  const insertRest = () => t.clickhouse.insert({ table: 'fastpath', values: rows.slice(half), format: 'JSONEachRow' });
  const total = (mat: Mat): number => mat.result.reduce((n, r) => n + r.measurement_count, 0);

  it('should answer a repeated search from the cache, in any parameter order, until cleared', async () => {
    const first = await get<Search>('/api/v1/measurements?since=2010-01-01&until=2030-01-01&limit=1000');
    expect(first.body.results).toHaveLength(half);
    expect(first.cacheControl).toBe('max-age=60');
    await insertRest();
    const again = await get<Search>('/api/v1/measurements?limit=1000&until=2030-01-01&since=2010-01-01');
    expect(again.body.results.map((r) => r.measurement_uid)).toEqual(first.body.results.map((r) => r.measurement_uid));
    expect(again.cacheControl).toBe('max-age=60');
    // Another question is not answered from this entry.
    const other = await get<Search>('/api/v1/measurements?since=2010-01-01&until=2030-01-01&limit=999');
    expect(other.body.results).toHaveLength(rows.length);
    t.app.get(ResponseCache).clear();
    const fresh = await get<Search>('/api/v1/measurements?since=2010-01-01&until=2030-01-01&limit=1000');
    expect(fresh.body.results).toHaveLength(rows.length);
  });

  it('should answer a repeated aggregation from the cache, with its own Cache-Control', async () => {
    t.app.get(ResponseCache).clear();
    await t.clickhouse.command({ query: 'TRUNCATE TABLE fastpath' });
    await t.clickhouse.insert({ table: 'fastpath', values: rows.slice(0, half), format: 'JSONEachRow' });
    const first = await get<Mat>('/api/v1/aggregation?axis_x=test_name&since=2010-01-01');
    expect(total(first.body)).toBe(half);
    expect(first.cacheControl).toBe('max-age=300');
    await insertRest();
    const again = await get<Mat>('/api/v1/aggregation?since=2010-01-01&axis_x=test_name');
    expect(again.body).toEqual(first.body);
    const other = await get<Mat>('/api/v1/aggregation?axis_x=probe_cc&since=2010-01-01');
    expect(total(other.body)).toBe(rows.length);
    t.app.get(ResponseCache).clear();
    expect(total((await get<Mat>('/api/v1/aggregation?axis_x=test_name&since=2010-01-01')).body)).toBe(rows.length);
  });

  it('should give a cached MAT download the headers its first answer had', async () => {
    t.app.get(ResponseCache).clear();
    const path = '/api/v1/aggregation?axis_x=test_name&since=2010-01-01&until=2011-01-01&format=CSV&download=true';
    const first = await fetch(`${t.url}${path}`);
    const again = await fetch(`${t.url}${path}`);
    const headers = (res: Response) =>
      ['cache-control', 'content-type', 'content-disposition'].map((h) => res.headers.get(h));
    expect(headers(first)).toEqual([
      'max-age=86400',
      'text/csv; charset=utf-8',
      'attachment; filename=ooni-aggregate-data.csv',
    ]);
    expect(headers(again)).toEqual(headers(first));
    expect(await again.text()).toBe(await first.text());
  });

  it('should answer old Android probes without the cache, and not cache their answer', async () => {
    t.app.get(ResponseCache).clear();
    const path = '/api/v1/measurements?since=2010-01-01&until=2030-01-01&limit=1000';
    const okhttp = { headers: { 'user-agent': 'okhttp/3.12.1' } };
    expect((await get<Search>(path)).body.results.length).toBeGreaterThan(1);
    const probe = await fetch(`${t.url}${path}`, okhttp);
    expect(probe.headers.get('cache-control')).toBe('no-cache');
    expect(((await probe.json()) as Search).results).toEqual([{ measurement_url: '' }]);
    t.app.get(ResponseCache).clear();
    await fetch(`${t.url}${path}`, okhttp);
    const browser = await get<Search>(path);
    expect(browser.cacheControl).toBe('max-age=60');
    expect(browser.body.results.length).toBeGreaterThan(1);
  });
});
