import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseCache } from '../../src/common/cache/response-cache.service';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import { asnmetaFromRanges } from '../../src/modules/private-stats/asnmeta-snapshot';
import { AsnmetaSnapshotLoader } from '../../src/modules/private-stats/asnmeta-snapshot.loader';
import { FIXTURES_DIR } from '../helpers/fixtures';
import { CITIZENLAB, countBy, insertPrivateStatsData, privateStatsRows } from '../helpers/private-stats-data';
import { startTestApp, TestApp } from '../helpers/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const readRanges = (name: string): string =>
  fs.readFileSync(path.join(FIXTURES_DIR, 'data', 'asn-ranges', name), 'utf8');

describe('Private statistics: networks, domains, input checks and cache (e2e)', () => {
  let t: TestApp;
  let rows: FastpathRow[];
  let seeded: number;
  let seededAgain: number;

  const get = async (p: string): Promise<{ status: number; cacheControl: string | null; body: Json }> => {
    const res = await fetch(`${t.url}${p}`);
    return { status: res.status, cacheControl: res.headers.get('cache-control'), body: await res.json() };
  };
  const ok = async (p: string, maxAge: number): Promise<Json> => {
    const res = await get(p);
    expect({ p, status: res.status, cacheControl: res.cacheControl }).toEqual({
      p,
      status: 200,
      cacheControl: `max-age=${maxAge}`,
    });
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    rows = privateStatsRows();
    await insertPrivateStatsData(t.clickhouse, rows);
    // First start: asnmeta is empty and gets the snapshot (here from real ip-location-db lines).
    const snapshot = asnmetaFromRanges(
      { ipv4: readRanges('asn-ipv4-num.csv'), ipv6: readRanges('asn-ipv6-num.csv') },
      '2024-06-01',
    );
    const loader = t.app.get(AsnmetaSnapshotLoader);
    seeded = await loader.seedIfEmpty(() => snapshot);
    seededAgain = await loader.seedIfEmpty(() => snapshot);
    // A later rename of AS3269, as the ASN metadata updater would record it.
    await t.clickhouse.insert({
      table: 'asnmeta',
      values: [{ asn: 3269, org_name: 'TIM S.p.A.', cc: 'IT', changed: '2025-01-01', aut_name: '', source: 'test' }],
      format: 'JSONEachRow',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('networks', () => {
    it('should seed asnmeta once, one row per ASN of the bundled ranges', () => {
      expect(seeded).toBe(7);
      expect(seededAgain).toBe(0);
    });

    it('should give the latest organisation name of a network, Unknown when not known', async () => {
      expect(await ok('/api/_/asnmeta?asn=3269', 7200)).toEqual({ org_name: 'TIM S.p.A.' });
      expect(await ok('/api/_/asnmeta?asn=AS7922', 7200)).toEqual({ org_name: 'Comcast Cable Communications, LLC' });
      expect(await ok('/api/_/asnmeta?asn=0', 7200)).toEqual({ org_name: 'Unknown' });
    });

    it('should list every measured network with its count and name', async () => {
      const body = await ok('/api/_/networks', 7200);
      const counts = countBy(rows, (r) => String(r.probe_asn));
      const names: Record<number, string> = {
        3269: 'TIM S.p.A.',
        30722: 'Vodafone Italia S.p.A.',
        197207: 'Mobile Communication Company of Iran PLC',
      };
      expect(body.v).toBe(0);
      const results = body.results as Array<{ probe_asn: number; cnt: number; org_name: string }>;
      expect(results.map((r) => r.probe_asn)).toEqual([...counts.keys()].map(Number).sort((a, b) => a - b));
      for (const r of results) {
        expect(r.cnt).toBe(counts.get(String(r.probe_asn)));
        if (names[r.probe_asn] !== undefined) expect(r.org_name).toBe(names[r.probe_asn]);
        expect(typeof r.org_name).toBe('string');
      }
      // AS577 (the browser_web fixtures) is not in the snapshot.
      expect(results.find((r) => r.probe_asn === 577)?.org_name).toBe('');
    });
  });

  describe('domains', () => {
    it('should give the global category and spelling of a listed domain', async () => {
      const expected = { category_code: 'GRP', canonical_domain: 'www.facebook.com' };
      expect(await ok('/api/_/domain_metadata?domain=facebook.com', 7200)).toEqual(expected);
      expect(await ok('/api/_/domain_metadata?domain=www.facebook.com', 7200)).toEqual(expected);
    });

    it('should fall back to a country list, then to MISC and the domain without www', async () => {
      expect(await ok('/api/_/domain_metadata?domain=www.yooz.ir', 7200)).toEqual({
        category_code: 'NEWS',
        canonical_domain: 'yooz.ir',
      });
      expect(await ok('/api/_/domain_metadata?domain=www.unlisted-domain.example', 7200)).toEqual({
        category_code: 'MISC',
        canonical_domain: 'unlisted-domain.example',
      });
    });

    it('should list every test-list domain with its category and web_connectivity count', async () => {
      const body = await ok('/api/_/domains', 7200);
      const wc = countBy(
        rows.filter((r) => r.test_name === 'web_connectivity'),
        (r) => r.domain,
      );
      const domains = [...new Set(CITIZENLAB.map((e) => e.domain))].sort();
      const category = (d: string): string =>
        (CITIZENLAB.find((e) => e.domain === d && e.cc === 'ZZ') ?? CITIZENLAB.find((e) => e.domain === d))!
          .category_code;
      expect(body).toEqual({
        v: 0,
        results: domains.map((d) => ({
          domain_name: d,
          category_code: category(d),
          measurement_count: wc.get(d) ?? 0,
        })),
      });
      const results = body.results as Array<{ domain_name: string }>;
      expect(results.find((r) => r.domain_name === 'www.facebook.com')).toEqual({
        domain_name: 'www.facebook.com',
        category_code: 'GRP',
        measurement_count: wc.get('www.facebook.com'),
      });
      expect(wc.get('www.facebook.com')).toBeGreaterThan(0);
    });
  });

  describe('bad input', () => {
    const cases: Array<[string, string]> = [
      ['/api/_/country_overview', 'missing or incorrect probe_cc'],
      ['/api/_/country_overview?probe_cc=ITA', 'missing or incorrect probe_cc'],
      ['/api/_/country_overview?probe_cc=I1', 'missing or incorrect probe_cc'],
      ['/api/_/country_overview?probe_cc=IT&probe_cc=DE', 'missing or incorrect probe_cc'],
      ['/api/_/test_coverage', 'missing or incorrect probe_cc'],
      ['/api/_/test_coverage?probe_cc=IT&test_groups=IM', 'invalid test_groups'],
      ['/api/_/website_networks?probe_cc=', 'missing or incorrect probe_cc'],
      ['/api/_/website_stats?probe_cc=IT', 'missing or incorrect probe_asn'],
      ['/api/_/website_stats?probe_cc=IT&probe_asn=ASX', 'missing or incorrect probe_asn'],
      ['/api/_/website_stats?probe_cc=IT&probe_asn=99999999999', 'missing or incorrect probe_asn'],
      ['/api/_/website_stats?probe_cc=IT&probe_asn=1&input={3000 characters}', 'invalid input'],
      ['/api/_/website_urls?probe_cc=IT&probe_asn=1&limit=abc', 'invalid limit'],
      ['/api/_/website_urls?probe_cc=IT&probe_asn=1&limit=5000', 'invalid limit'],
      ['/api/_/website_urls?probe_cc=IT&probe_asn=1&offset=-1', 'invalid offset'],
      ['/api/_/vanilla_tor_stats', 'missing or incorrect probe_cc'],
      ['/api/_/im_networks', 'missing or incorrect probe_cc'],
      ['/api/_/im_stats?probe_cc=IT&probe_asn=1', 'invalid test_name'],
      ['/api/_/im_stats?probe_cc=IT&probe_asn=1&test_name=web_connectivity', 'invalid test_name'],
      ['/api/_/im_stats?probe_cc=IT&test_name=signal', 'missing or incorrect probe_asn'],
      ['/api/_/network_stats', 'missing or incorrect probe_cc'],
      ['/api/_/domain_metadata', 'missing or invalid domain'],
      ['/api/_/domain_metadata?domain=a%20b', 'missing or invalid domain'],
      ['/api/_/asnmeta', 'missing or invalid asn'],
      ['/api/_/asnmeta?asn=-1', 'missing or invalid asn'],
    ];

    it.each(cases)('should answer 400 JSON to %s', async (p, error) => {
      const res = await get(p.replace('{3000 characters}', 'x'.repeat(3000)));
      expect({ status: res.status, body: res.body, cacheControl: res.cacheControl }).toEqual({
        status: 400,
        body: { error },
        cacheControl: 'no-cache',
      });
    });
  });

  describe('SQL injection', () => {
    const attacks = ["' OR 1=1 --", "IT'; DROP TABLE fastpath; --", '1) UNION SELECT name FROM system.tables --'];
    const params: Array<[string, string, Record<string, string>]> = [
      ['test_coverage', 'probe_cc', {}],
      ['test_coverage', 'test_groups', { probe_cc: 'IT' }],
      ['website_networks', 'probe_cc', {}],
      ['website_stats', 'probe_cc', { probe_asn: '197207', input: 'x' }],
      ['website_stats', 'probe_asn', { probe_cc: 'IR', input: 'x' }],
      ['website_stats', 'input', { probe_cc: 'IR', probe_asn: '197207' }],
      ['website_urls', 'probe_cc', { probe_asn: '197207' }],
      ['website_urls', 'probe_asn', { probe_cc: 'IR' }],
      ['website_urls', 'limit', { probe_cc: 'IR', probe_asn: '197207' }],
      ['website_urls', 'offset', { probe_cc: 'IR', probe_asn: '197207' }],
      ['vanilla_tor_stats', 'probe_cc', {}],
      ['im_networks', 'probe_cc', {}],
      ['im_stats', 'test_name', { probe_cc: 'IT', probe_asn: '30722' }],
      ['im_stats', 'probe_asn', { probe_cc: 'IT', test_name: 'signal' }],
      ['im_stats', 'probe_cc', { probe_asn: '30722', test_name: 'signal' }],
      ['network_stats', 'probe_cc', {}],
      ['country_overview', 'probe_cc', {}],
      ['domain_metadata', 'domain', {}],
      ['asnmeta', 'asn', {}],
    ];

    it.each(params)('should reject an injection in %s %s with 400', async (route, name, others) => {
      for (const attack of attacks) {
        const qs = new URLSearchParams({ ...others, [name]: attack });
        const res = await get(`/api/_/${route}?${qs.toString()}`);
        expect({ attack, status: res.status, hasError: typeof res.body.error }).toEqual({
          attack,
          status: 400,
          hasError: 'string',
        });
      }
    });

    it('should treat a URL full of quotes as a plain value', async () => {
      const input = "https://x.example/'OR'1'='1";
      const qs = new URLSearchParams({ probe_cc: 'IR', probe_asn: '197207', input });
      expect((await ok(`/api/_/website_stats?${qs.toString()}`, 0)).results).toEqual([]);
    });

    it('should ignore unknown parameters on routes without any', async () => {
      for (const route of ['global_overview', 'countries', 'networks', 'domains', 'circumvention_stats_by_country']) {
        const plain = await get(`/api/_/${route}`);
        const attacked = await get(`/api/_/${route}?x=${encodeURIComponent("' OR 1=1 --")}`);
        expect({ route, status: attacked.status, body: attacked.body }).toEqual({
          route,
          status: 200,
          body: plain.body,
        });
      }
      const rs = await t.clickhouse.query({ query: 'SELECT count() AS n FROM fastpath', format: 'JSONEachRow' });
      expect(Number((await rs.json<{ n: number }>())[0].n)).toBe(rows.length);
    });
  });

  describe('server cache', () => {
    it('should answer from its cache for the cache lifetime, and not cache 0 s routes', async () => {
      const before = await ok('/api/_/global_overview', 86400);
      const beforeNets = await ok('/api/_/website_networks?probe_cc=IR', 0);
      const extra = { ...rows[0], measurement_uid: 'cache-test-uid', probe_cc: 'IR', test_name: 'web_connectivity' };
      extra.measurement_start_time = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
      await t.clickhouse.insert({ table: 'fastpath', values: [extra], format: 'JSONEachRow' });

      expect(await ok('/api/_/global_overview', 86400)).toEqual(before);
      const nets = await ok('/api/_/website_networks?probe_cc=IR', 0);
      expect(nets).not.toEqual(beforeNets);

      t.app.get(ResponseCache).clear();
      expect((await ok('/api/_/global_overview', 86400)).measurement_count).toBe(before.measurement_count + 1);
    });
  });
});
