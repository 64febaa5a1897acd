import { ResponseCache } from '../../src/common/cache/response-cache.service';
import { StatsCacheWarmer } from '../../src/modules/private-stats/stats-cache-warmer';
import { startTestApp, TestApp } from '../helpers/test-app';
import { scoredFixtureRows } from '../unit/aggregation/fastpath-fixture-rows';

type Networks = { v: number; results: Array<{ probe_asn: number; cnt: number }> };

describe(StatsCacheWarmer.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ response_cache: { enabled: true, warm_routes: true } });
  });

  afterAll(async () => {
    await t?.close();
  });

  const networks = async (): Promise<Networks> => {
    const res = await fetch(`${t.url}/api/_/networks`);
    expect(res.status).toBe(200);
    return (await res.json()) as Networks;
  };

  it('should answer the warmed routes from the cache filled at start, under the key requests use', async () => {
    await t.app.get(StatsCacheWarmer).warmed();
    // Written after the warm-up: a request that computed its answer would see them.
    const rows = scoredFixtureRows();
    await t.clickhouse.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
    expect((await networks()).results).toEqual([]);
    for (const route of ['domains', 'circumvention_runtime_stats', 'global_overview_by_month']) {
      const res = await fetch(`${t.url}/api/_/${route}`);
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
    }
    t.app.get(ResponseCache).clear();
    const fresh = await networks();
    expect(fresh.results.reduce((n, r) => n + r.cnt, 0)).toBe(rows.length);
  });
});
