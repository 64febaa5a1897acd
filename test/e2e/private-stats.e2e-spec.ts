import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import {
  countBy,
  dayOf,
  dayOffset,
  distinct,
  insertPrivateStatsData,
  onDays,
  privateStatsRows,
  sinceMonths,
} from '../helpers/private-stats-data';
import { startTestApp, TestApp } from '../helpers/test-app';

// Response bodies are compared field by field with what the rows say.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const IM = ['facebook_messenger', 'signal', 'telegram', 'whatsapp'];
const CIRCUMVENTION = ['psiphon', 'riseupvpn', 'stunreachability', 'tor', 'torsf'];

describe('Private statistics (e2e)', () => {
  let t: TestApp;
  let rows: FastpathRow[];
  let testGroupOf: Map<string, string>;

  const get = async (path: string): Promise<{ status: number; cacheControl: string | null; body: Json }> => {
    const res = await fetch(`${t.url}${path}`);
    return { status: res.status, cacheControl: res.headers.get('cache-control'), body: await res.json() };
  };
  const ok = async (path: string, maxAge: number): Promise<Json> => {
    const res = await get(path);
    expect({ path, status: res.status, cacheControl: res.cacheControl }).toEqual({
      path,
      status: 200,
      cacheControl: `max-age=${maxAge}`,
    });
    return res.body;
  };
  const monthOf = (r: FastpathRow): string => `${r.measurement_start_time.slice(0, 7)}-01T00:00:00+00:00`;
  const lastMonths = (): FastpathRow[] => {
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 24, 1)).toISOString().slice(0, 10);
    return rows.filter((r) => r.measurement_start_time > `${from} 00:00:00`);
  };

  beforeAll(async () => {
    t = await startTestApp();
    rows = privateStatsRows();
    await insertPrivateStatsData(t.clickhouse, rows);
    const rs = await t.clickhouse.query({
      query: 'SELECT test_name, test_group FROM test_groups',
      format: 'JSONEachRow',
    });
    testGroupOf = new Map(
      (await rs.json<{ test_name: string; test_group: string }>()).map((r) => [r.test_name, r.test_group]),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('global figures', () => {
    it('should count networks, countries and measurements overall', async () => {
      expect(await ok('/api/_/global_overview', 86400)).toEqual({
        network_count: distinct(rows.map((r) => r.probe_asn)),
        country_count: distinct(rows.map((r) => r.probe_cc)),
        measurement_count: rows.length,
      });
    });

    it('should list each country with a name and its measurement count, sorted by code', async () => {
      const body = await ok('/api/_/countries', 86400);
      const counts = countBy(rows, (r) => r.probe_cc);
      const countries = body.countries as Array<{ alpha_2: string; name: string; count: number }>;
      expect(countries.map((c) => c.alpha_2)).toEqual([...counts.keys()].sort());
      for (const c of countries) expect(c.count).toBe(counts.get(c.alpha_2));
      expect(countries.find((c) => c.alpha_2 === 'IT')?.name).toBe('Italy');
      expect(countries.find((c) => c.alpha_2 === 'IR')?.name).toBe('Iran');
    });

    it('should count distinct networks and countries per month over the last 24 months', async () => {
      const recent = lastMonths();
      const months = [...new Set(recent.map(monthOf))].sort();
      const perMonth = (key: (r: FastpathRow) => unknown): Json[] =>
        months.map((date) => ({ date, value: distinct(recent.filter((r) => monthOf(r) === date).map(key)) }));
      expect(await ok('/api/_/asn_by_month', 86400)).toEqual(perMonth((r) => r.probe_asn));
      expect(await ok('/api/_/countries_by_month', 86400)).toEqual(perMonth((r) => r.probe_cc));
      const byMonth = await ok('/api/_/global_overview_by_month', 86400);
      expect(byMonth.networks_by_month).toEqual(perMonth((r) => r.probe_asn));
      expect(byMonth.countries_by_month).toEqual(perMonth((r) => r.probe_cc));
      expect(byMonth.measurements_by_month).toEqual(
        months.map((date) => ({ date, value: recent.filter((r) => monthOf(r) === date).length })),
      );
    });

    it('should list the test names with their display names', async () => {
      const body = await ok('/api/_/test_names', 3600);
      expect(body.test_names).toHaveLength(24);
      expect(body.test_names).toContainEqual({ id: 'web_connectivity', name: 'Web Connectivity' });
      expect(body.test_names).toContainEqual({ id: 'torsf', name: 'Tor Snowflake' });
    });
  });

  describe('country pages', () => {
    it('should give the first day, measurement and network counts of a country', async () => {
      const it_ = rows.filter((r) => r.probe_cc === 'IT');
      expect(await ok('/api/_/country_overview?probe_cc=IT', 86400)).toEqual({
        first_bucket_date: it_.map(dayOf).sort()[0],
        measurement_count: it_.length,
        network_count: distinct(it_.map((r) => r.probe_asn)),
      });
      expect(await ok('/api/_/country_overview?probe_cc=it', 86400)).toEqual(
        await ok('/api/_/country_overview?probe_cc=IT', 86400),
      );
      expect(await ok('/api/_/country_overview?probe_cc=XY', 86400)).toEqual({
        first_bucket_date: null,
        measurement_count: 0,
        network_count: 0,
      });
    });

    it('should give test coverage per group for 30 days and network coverage per day', async () => {
      const body = await ok('/api/_/test_coverage?probe_cc=IT', 3600);
      const groups = [...new Set(testGroupOf.values())].sort();
      const days = Array.from({ length: 30 }, (_, i) => dayOffset(i - 32));
      const window = onDays(rows, -32, -2).filter((r) => r.probe_cc === 'IT');
      const counts = countBy(window, (r) => `${testGroupOf.get(r.test_name) ?? ''}|${dayOf(r)}`);
      expect(body.test_coverage).toEqual(
        groups.flatMap((g) => days.map((d) => ({ count: counts.get(`${g}|${d}`) ?? 0, test_day: d, test_group: g }))),
      );
      expect((body.test_coverage as Array<{ count: number }>).some((e) => e.count > 0)).toBe(true);
      const nets = onDays(rows, -31, -1).filter((r) => r.probe_cc === 'IT');
      expect(body.network_coverage).toEqual(
        Array.from({ length: 30 }, (_, i) => dayOffset(i - 31)).map((d) => ({
          test_day: d,
          count: distinct(nets.filter((r) => dayOf(r) === d).map((r) => r.probe_asn)),
        })),
      );
    });

    it('should count only the networks of the given test groups in network coverage', async () => {
      const body = await ok('/api/_/test_coverage?probe_cc=IT&test_groups=im,no_such_group', 3600);
      const nets = onDays(rows, -31, -1).filter((r) => r.probe_cc === 'IT' && IM.includes(r.test_name));
      for (const e of body.network_coverage) {
        expect(e.count).toBe(distinct(nets.filter((r) => dayOf(r) === e.test_day).map((r) => r.probe_asn)));
      }
      expect(body.test_coverage).toHaveLength(30 * new Set(testGroupOf.values()).size);
    });

    it('should count web_connectivity measurements per network, most first', async () => {
      const body = await ok('/api/_/website_networks?probe_cc=IR', 0);
      const wc = onDays(rows, -31, 0).filter((r) => r.probe_cc === 'IR' && r.test_name === 'web_connectivity');
      const counts = countBy(wc, (r) => String(r.probe_asn));
      expect(body.results).toEqual(
        [...counts]
          .map(([asn, count]) => ({ count, probe_asn: Number(asn) }))
          .sort((a, b) => b.count - a.count || a.probe_asn - b.probe_asn),
      );
      expect(body.results.length).toBeGreaterThan(0);
    });

    it('should give the daily outcomes of one URL on one network', async () => {
      const input = 'https://www.facebook.com/';
      const sel = onDays(rows, -31, 0).filter(
        (r) => r.probe_cc === 'IR' && r.probe_asn === 197207 && r.input === input,
      );
      const days = [...new Set(sel.map(dayOf))].sort();
      const body = await ok(
        `/api/_/website_stats?probe_cc=IR&probe_asn=AS197207&input=${encodeURIComponent(input)}`,
        0,
      );
      expect(body.results).toEqual(
        days.map((d) => {
          const on = sel.filter((r) => dayOf(r) === d);
          return {
            test_day: d,
            anomaly_count: on.filter((r) => r.anomaly === 't').length,
            confirmed_count: on.filter((r) => r.confirmed === 't').length,
            failure_count: on.filter((r) => r.msm_failure === 't').length,
            total_count: on.length,
          };
        }),
      );
      expect(body.results.length).toBeGreaterThan(0);
      expect((await ok('/api/_/website_stats?probe_cc=IR&probe_asn=197207', 0)).results).toEqual([]);
    });

    it('should page the URLs of a network, most confirmed first, with a next_url', async () => {
      const sel = onDays(rows, -31, 0).filter(
        (r) => r.probe_cc === 'IR' && r.probe_asn === 197207 && r.test_name === 'web_connectivity',
      );
      const inputs = [...new Set(sel.map((r) => r.input))].map((input) => {
        const on = sel.filter((r) => r.input === input);
        return {
          input,
          anomaly_count: on.filter((r) => r.anomaly === 't').length,
          confirmed_count: on.filter((r) => r.confirmed === 't').length,
          failure_count: on.filter((r) => r.msm_failure === 't').length,
          total_count: on.length,
        };
      });
      inputs.sort(
        (a, b) =>
          b.confirmed_count - a.confirmed_count ||
          b.total_count - a.total_count ||
          b.anomaly_count - a.anomaly_count ||
          (a.input < b.input ? -1 : 1),
      );
      expect(inputs.length).toBeGreaterThan(2);
      const first = await ok('/api/_/website_urls?probe_cc=IR&probe_asn=AS197207&limit=2', 3600);
      expect(first.results).toEqual(inputs.slice(0, 2));
      expect(first.metadata).toEqual({
        offset: 0,
        limit: 2,
        current_page: 1,
        total_count: inputs.length,
        next_url: `${t.config.base_url}/api/_/website_urls?limit=2&offset=2&probe_asn=197207&probe_cc=IR`,
      });
      const last = await ok(
        `/api/_/website_urls?probe_cc=IR&probe_asn=197207&limit=2&offset=${inputs.length - 1}`,
        3600,
      );
      expect(last.results).toEqual(inputs.slice(-1));
      expect(last.metadata.next_url).toBeNull();
      const dflt = await ok('/api/_/website_urls?probe_cc=IR&probe_asn=197207&limit=0', 3600);
      expect(dflt.metadata.limit).toBe(10);
    });

    it('should give vanilla_tor outcomes per network and count the failing ones', async () => {
      const sel = sinceMonths(rows, 6).filter((r) => r.probe_cc === 'BR' && r.test_name === 'vanilla_tor');
      const body = await ok('/api/_/vanilla_tor_stats?probe_cc=BR', 0);
      const asns = [...new Set(sel.map((r) => r.probe_asn))].sort((a, b) => a - b);
      const networks = asns.map((asn) => {
        const on = sel.filter((r) => r.probe_asn === asn);
        return {
          probe_asn: asn,
          total_count: on.length,
          success_count: on.filter((r) => r.anomaly !== 't').length,
          failure_count: on.filter((r) => r.msm_failure === 't').length,
          last_tested: on.map(dayOf).sort().at(-1),
          test_runtime_avg: null,
          test_runtime_max: null,
          test_runtime_min: null,
        };
      });
      expect(body.networks).toEqual(networks);
      expect(body.notok_networks).toBe(
        networks.filter((n) => n.total_count > 5 && n.success_count / n.total_count < 0.6).length,
      );
      expect(body.last_tested).toBe(sel.map(dayOf).sort().at(-1));
      expect(await ok('/api/_/vanilla_tor_stats?probe_cc=XY', 0)).toEqual({
        networks: [],
        notok_networks: 0,
        last_tested: null,
      });
    });

    it('should list the networks of each instant messaging test', async () => {
      const sel = onDays(rows, -31, 0).filter((r) => r.probe_cc === 'IT' && IM.includes(r.test_name));
      const body = await ok('/api/_/im_networks?probe_cc=IT', 3600);
      expect(Object.keys(body).sort()).toEqual([...new Set(sel.map((r) => r.test_name))].sort());
      for (const [test, entry] of Object.entries<Json>(body)) {
        const on = sel.filter((r) => r.test_name === test);
        expect(entry.anomaly_networks).toEqual([]);
        expect(entry.last_tested).toBe(on.map(dayOf).sort().at(-1));
        const counts = countBy(on, (r) => String(r.probe_asn));
        const okNetworks = entry.ok_networks as Array<{ asn: number; total_count: number; name: string }>;
        expect(okNetworks.map((n) => [n.asn, n.total_count, n.name])).toEqual(
          [...counts]
            .map(([asn, n]) => [Number(asn), n, ''])
            .sort((a, b) => Number(b[1]) - Number(a[1]) || Number(a[0]) - Number(b[0])),
        );
      }
    });

    it('should give 32 days of one instant messaging test on one network', async () => {
      const sel = onDays(rows, -31, 0).filter(
        (r) => r.probe_cc === 'IT' && r.probe_asn === 30722 && r.test_name === 'signal',
      );
      const body = await ok('/api/_/im_stats?probe_cc=IT&probe_asn=30722&test_name=signal', 3600);
      expect(body.results).toEqual(
        Array.from({ length: 32 }, (_, i) => dayOffset(i - 31)).map((d) => ({
          anomaly_count: null,
          test_day: `${d}T00:00:00+00:00`,
          total_count: sel.filter((r) => dayOf(r) === d).length,
        })),
      );
    });

    it('should answer the legacy empty network speed statistics', async () => {
      expect(await ok('/api/_/network_stats?probe_cc=GB', 86400)).toEqual({
        metadata: { current_page: 1, limit: 10, next_url: null, offset: 0, total_count: 0 },
        results: [],
      });
    });
  });

  describe('circumvention', () => {
    const window = (): FastpathRow[] =>
      sinceMonths(rows, 6).filter((r) => dayOf(r) < dayOffset(-1) && CIRCUMVENTION.includes(r.test_name));

    it('should count circumvention tool measurements per country', async () => {
      const counts = countBy(window(), (r) => r.probe_cc);
      expect(await ok('/api/_/circumvention_stats_by_country', 86400)).toEqual({
        v: 0,
        results: [...counts.keys()].sort().map((probe_cc) => ({ probe_cc, cnt: counts.get(probe_cc) })),
      });
    });

    it('should give runtime percentiles for every tool, country and day seen', async () => {
      const sel = window().filter((r) => 'test_runtime' in (JSON.parse(r.scores).extra ?? {}));
      const body = await ok('/api/_/circumvention_runtime_stats', 86400);
      const tests = [...new Set(sel.map((r) => r.test_name))].sort();
      const ccs = [...new Set(sel.map((r) => r.probe_cc))].sort();
      const days = [...new Set(sel.map(dayOf))].sort();
      expect(body.v).toBe(0);
      const results = body.results as Array<{ test_name: string; probe_cc: string; date: string; v: number[] }>;
      expect(results.map((e) => [e.test_name, e.probe_cc, e.date])).toEqual(
        tests.flatMap((tn) => ccs.flatMap((cc) => days.map((d) => [tn, cc, d]))),
      );
      for (const e of results) {
        const on = sel.filter((r) => r.test_name === e.test_name && r.probe_cc === e.probe_cc && dayOf(r) === e.date);
        if (on.length === 0) {
          expect(e.v).toEqual([]);
          continue;
        }
        const runtimes = on.map((r) => Number(JSON.parse(r.scores).extra.test_runtime));
        expect(e.v[2]).toBe(on.length);
        expect(e.v[0]).toBeGreaterThanOrEqual(Math.min(...runtimes) - 1e-6);
        expect(e.v[1]).toBeLessThanOrEqual(Math.max(...runtimes) + 1e-6);
      }
      expect(results.some((e) => e.v.length === 3)).toBe(true);
    });
  });
});
