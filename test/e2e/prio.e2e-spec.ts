import { ClickHouseClient } from '@clickhouse/client';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AuthCommonModule } from '../../src/common/auth/auth-common.module';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { CLICKHOUSE } from '../../src/common/clickhouse/clickhouse.constants';
import { ClickhouseModule } from '../../src/common/clickhouse/clickhouse.module';
import { ConfigModule } from '../../src/common/config/config.module';
import { CitizenlabSnapshotLoader } from '../../src/modules/prio/citizenlab-snapshot.loader';
import { PrioModule } from '../../src/modules/prio/prio.module';
import { PrioService } from '../../src/modules/prio/prio.service';
import { CountedEntry, DebugTestListEntry, PrioRule } from '../../src/modules/prio/prio.types';
import citizenlabCountersUs from '../fixtures/data/citizenlab_counters_us.json';
import urlPrioritiesUs from '../fixtures/data/url_priorities_us.json';
import { resetTables } from '../helpers/reset-tables';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { listenTestingModule } from '../helpers/test-app';
import { testConfig } from '../helpers/test-config';

interface PrioApp {
  app: NestFastifyApplication;
  url: string;
  clickhouse: ClickHouseClient;
  prio: PrioService;
  close(): Promise<void>;
}

/** PrioModule alone (AppModule does not import it yet) on embedded chDB, on a loopback port. */
async function startPrioApp(varDir: string, overrides: Record<string, unknown> = {}): Promise<PrioApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(testConfig(varDir, overrides)), ClickhouseModule, AuthCommonModule, PrioModule],
  }).compile();
  const { app, url } = await listenTestingModule(moduleRef);
  return {
    app,
    url,
    clickhouse: app.get<ClickHouseClient>(CLICKHOUSE),
    prio: app.get(PrioService),
    close: () => app.close(),
  };
}

const chDateTime = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');

async function loadUsFixtures(clickhouse: ClickHouseClient): Promise<void> {
  const entries = citizenlabCountersUs as CountedEntry[];
  await clickhouse.insert({
    table: 'citizenlab',
    values: entries.map(({ domain, url, cc, category_code }) => ({ domain, url, cc, category_code })),
    format: 'JSONEachRow',
  });
  await clickhouse.insert({
    table: 'url_priorities',
    values: (urlPrioritiesUs as PrioRule[]).map((r) => ({ sign: 1, ...r })),
    format: 'JSONEachRow',
  });
}

/** Measurements feed counters_asn_test_list through its materialized view, as in production. */
async function addMeasurements(clickhouse: ClickHouseClient, url: string, cc: string, asn: number, n: number) {
  const when = chDateTime(new Date(Date.now() - 3600_000));
  const values = Array.from({ length: n }, (_, i) => ({
    measurement_uid: `uid-${url}-${asn}-${i}`,
    report_id: `rid-${i}`,
    input: url,
    probe_cc: cc,
    probe_asn: asn,
    test_name: 'web_connectivity',
    test_start_time: when,
    measurement_start_time: when,
    anomaly: i % 2 === 0 ? 't' : 'f',
  }));
  await clickhouse.insert({ table: 'fastpath', values, format: 'JSONEachRow' });
}

interface TestListBody {
  metadata: Record<string, unknown>;
  results: { category_code: string; country_code: string; url: string; msmt_cnt?: number; weight?: number }[];
}

describe(PrioModule.name, () => {
  let varDir: string;
  let t: PrioApp;
  let adminToken: string;
  let userToken: string;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });
  const postJson = (path: string, body: unknown, token?: string) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    varDir = makeTempDir();
    t = await startPrioApp(varDir);
    const tokens = t.app.get(SessionTokenService);
    const opts = { sessionExpiryDays: 1, loginExpiryDays: 1 };
    adminToken = tokens.issue('admin-account', 'admin', opts);
    userToken = tokens.issue('user-account', 'user', opts);
  });

  afterAll(async () => {
    await t?.close();
    removeDir(varDir);
  });

  beforeEach(async () => {
    await resetTables(t.clickhouse);
    await loadUsFixtures(t.clickhouse);
    await t.prio.refresh();
  });

  describe('GET /api/v1/test-list/urls', () => {
    it('should answer the legacy envelope with US and global URLs', async () => {
      const res = await get('/api/v1/test-list/urls?country_code=US&limit=9999');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('max-age=1');
      const body = (await res.json()) as TestListBody;
      expect(body.metadata).toEqual({ count: 1513, current_page: -1, limit: -1, next_url: '', pages: 1 });
      expect(body.results).toHaveLength(1513);
      expect(body.results.every((r) => ['US', 'XX'].includes(r.country_code))).toBe(true);
      expect(Object.keys(body.results[0]).sort()).toEqual(['category_code', 'country_code', 'url']);
    });

    it('should filter categories, honour the limit and accept probe_cc and lower case', async () => {
      const res = await get('/api/v1/test-list/urls?probe_cc=us&category_codes=news,%20HUMR,&limit=30');
      const body = (await res.json()) as TestListBody;
      expect(body.results).toHaveLength(30);
      expect(body.results.every((r) => ['NEWS', 'HUMR'].includes(r.category_code))).toBe(true);
      expect(new Set(body.results.map((r) => r.url)).size).toBe(30);
    });

    it('should serve only global URLs when no country is given', async () => {
      const body = (await (await get('/api/v1/test-list/urls')).json()) as TestListBody;
      expect(body.results.length).toBeGreaterThan(1000);
      expect(body.results.every((r) => r.country_code === 'XX')).toBe(true);
    });

    it('should add msmt_cnt, priority and weight with debug=true', async () => {
      const body = (await (
        await get('/api/v1/test-list/urls?country_code=US&limit=5&debug=true')
      ).json()) as TestListBody;
      expect(Object.keys(body.results[0]).sort()).toEqual([
        'category_code',
        'country_code',
        'msmt_cnt',
        'priority',
        'url',
        'weight',
      ]);
    });

    it('should move heavily measured URLs down the list', async () => {
      await t.clickhouse.command({ query: 'TRUNCATE TABLE url_priorities' });
      await t.clickhouse.insert({
        table: 'url_priorities',
        values: [{ sign: 1, category_code: 'NEWS', cc: '*', domain: '*', url: '*', priority: 100 }],
        format: 'JSONEachRow',
      });
      await t.prio.refresh();
      const first = (await t.prio.generateTestList({ probeCc: 'US', probeAsn: 0, categoryCodes: [], limit: 1 }))[0];
      await addMeasurements(t.clickhouse, first.url, 'US', 7922, 3);
      for (let i = 0; i < 5; i++) {
        const list = await t.prio.generateTestList({ probeCc: 'US', probeAsn: 7922, categoryCodes: [], limit: 9999 });
        expect(list[list.length - 1].url).toBe(first.url);
      }
      // Another network of the same country has not measured it.
      const other = (await t.prio.generateTestList({
        probeCc: 'US',
        probeAsn: 1,
        categoryCodes: [],
        limit: 9999,
        debug: true,
      })) as DebugTestListEntry[];
      expect(other.find((o) => o.url === first.url)?.msmt_cnt).toBe(0);
      const sameCountry = (await t.prio.generateTestList({
        probeCc: 'US',
        probeAsn: 0,
        categoryCodes: [],
        limit: 9999,
        debug: true,
      })) as DebugTestListEntry[];
      expect(sameCountry.find((o) => o.url === first.url)?.msmt_cnt).toBe(3);
    });

    it.each([
      ['country_code=USA', 'Invalid CC value in parameter country_code'],
      ['country_code=1X', 'Invalid CC value in parameter country_code'],
      ['probe_cc=U', 'Invalid CC value in parameter probe_cc'],
      ['category_codes=NEWS;DROP', 'Invalid category_codes value'],
      ['category_codes=NEWS1', 'Invalid category_codes value'],
      ['limit=-5', 'Invalid limit'],
      ['limit=0', 'Invalid limit'],
      ['limit=100000000', 'Invalid limit'],
      ['limit=abc', 'Invalid limit'],
      ['limit=1.5', 'Invalid limit'],
      ['debug=maybe', 'Invalid debug value'],
    ])('should answer 400 JSON for %s', async (query, message) => {
      const res = await get(`/api/v1/test-list/urls?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toEqual({ error: message });
    });

    it('should treat limit=-1 and an empty limit as the whole list', async () => {
      for (const q of ['limit=-1', 'limit=']) {
        const body = (await (await get(`/api/v1/test-list/urls?country_code=US&${q}`)).json()) as TestListBody;
        expect(body.results).toHaveLength(1513);
      }
    });
  });

  describe('GET /api/_/debug_prioritization', () => {
    it('should return test items, entries and the country rules', async () => {
      const res = await get('/api/_/debug_prioritization?probe_cc=US&probe_asn=AS7922&category_codes=NEWS&limit=10');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { test_items: unknown[]; entries: unknown[]; prio_rules: PrioRule[] };
      expect(body.test_items).toHaveLength(10);
      expect(body.entries).toHaveLength(1514);
      expect(body.prio_rules).toHaveLength((urlPrioritiesUs as PrioRule[]).length);
    });

    it('should answer 400 for a bad ASN', async () => {
      const res = await get('/api/_/debug_prioritization?probe_asn=ASx');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'Invalid ASN value in parameter probe_asn' });
    });
  });

  describe('GET /api/_/show_countries_prioritization', () => {
    it('should list every URL with its weekly counts by country then priority', async () => {
      await addMeasurements(t.clickhouse, 'https://www.opendns.com/', 'US', 7922, 4);
      const res = await get('/api/_/show_countries_prioritization');
      expect(res.status).toBe(200);
      const rows = (await res.json()) as Record<string, unknown>[];
      expect(rows).toHaveLength(1514);
      expect(Object.keys(rows[0]).sort()).toEqual([
        'anomaly_perc',
        'category_code',
        'cc',
        'domain',
        'msmt_cnt',
        'priority',
        'url',
      ]);
      expect(rows[0].cc).toBe('US');
      expect(rows[rows.length - 1].cc).toBe('ZZ');
    });

    it('should render CSV on request and reject unknown formats', async () => {
      const res = await get('/api/_/show_countries_prioritization?format=csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      expect((await res.text()).split('\r\n')[0]).toBe('anomaly_perc,category_code,cc,domain,msmt_cnt,priority,url');
      const bad = await get('/api/_/show_countries_prioritization?format=xml');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'Invalid format' });
    });
  });

  describe('url-priorities', () => {
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });

    it('should answer 401 to anonymous callers and 403 to plain users', async () => {
      expect((await get('/api/_/url-priorities/list')).status).toBe(401);
      expect((await get('/api/_/url-priorities/list', auth(userToken))).status).toBe(403);
      const anon = await postJson('/api/_/url-priorities/update', { new_entry: { priority: 1 } });
      expect(anon.status).toBe(401);
      expect(await anon.json()).toEqual({ error: 'Authentication required' });
      const user = await postJson('/api/_/url-priorities/update', { new_entry: { priority: 1 } }, userToken);
      expect(user.status).toBe(403);
    });

    it('should list the rules to admins', async () => {
      const res = await get('/api/_/url-priorities/list', auth(adminToken));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const { rules } = (await res.json()) as { rules: PrioRule[] };
      expect(rules).toHaveLength((urlPrioritiesUs as PrioRule[]).length);
      expect(rules).toContainEqual({ category_code: 'MISC', cc: 'US', domain: '*', url: '*', priority: -200 });
    });

    it('should create, update and delete a rule, visible at once in the test list', async () => {
      const rules = async () =>
        ((await (await get('/api/_/url-priorities/list', auth(adminToken))).json()) as { rules: PrioRule[] }).rules;
      const top = async () =>
        ((await (await get('/api/v1/test-list/urls?country_code=US&limit=1')).json()) as TestListBody).results[0];
      const boosted = { category_code: '', cc: 'US', domain: 'www.opendns.com', url: '*', priority: 100000 };

      const created = await postJson('/api/_/url-priorities/update', { new_entry: boosted }, adminToken);
      expect(created.status).toBe(200);
      expect(await created.json()).toBe(1);
      const stored = { ...boosted, category_code: '*' };
      expect(await rules()).toContainEqual(stored);
      expect((await top()).url).toBe('https://www.opendns.com/');

      const changed = { ...stored, priority: 5 };
      const updated = await postJson(
        '/api/_/url-priorities/update',
        { old_entry: stored, new_entry: changed },
        adminToken,
      );
      expect(updated.status).toBe(200);
      const afterUpdate = await rules();
      expect(afterUpdate).toContainEqual(changed);
      expect(afterUpdate).not.toContainEqual(stored);

      const deleted = await postJson('/api/_/url-priorities/update', { old_entry: changed }, adminToken);
      expect(deleted.status).toBe(200);
      expect(await rules()).not.toContainEqual(changed);
      expect(await rules()).toHaveLength((urlPrioritiesUs as PrioRule[]).length);

      // Recreating a deleted rule works: the collapsed rows do not hide it.
      expect((await postJson('/api/_/url-priorities/update', { new_entry: changed }, adminToken)).status).toBe(200);
      expect(await rules()).toContainEqual(changed);
    });

    it('should answer the legacy error bodies', async () => {
      const none = await postJson('/api/_/url-priorities/update', { old_entry: {} }, adminToken);
      expect(none.status).toBe(400);
      expect(await none.json()).toEqual({ error: 'No changes are being proposed', err_str: 'err_no_proposed_changes' });

      const news = { category_code: 'NEWS', cc: '*', domain: '*', url: '*', priority: 7 };
      const dup = await postJson('/api/_/url-priorities/update', { new_entry: news }, adminToken);
      expect(dup.status).toBe(400);
      expect(await dup.json()).toEqual({ error: 'Duplicate rule', err_str: 'err_duplicate_rule', err_args: news });

      const missing = await postJson('/api/_/url-priorities/update', { old_entry: news }, adminToken);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ err_str: 'err_rule_not_found' });
    });

    it.each([
      [{ new_entry: { cc: 'USA', priority: 1 } }, 'cc must be a two letter country code or *'],
      [{ new_entry: { category_code: 'news', priority: 1 } }, 'category_code must be an upper-case category code or *'],
      [{ new_entry: { url: 'javascript:alert(1)', priority: 1 } }, 'url must be an http(s) URL or *'],
      [{ new_entry: { priority: 'high' } }, 'priority must be an integer'],
      [{ new_entry: { priority: 1e12 } }, 'priority must be an integer between'],
      [{ new_entry: { category_code: 'NEWS' } }, 'new_entry.priority must be an integer'],
      [{ old_entry: 'NEWS' }, 'old_entry must be an object'],
    ])('should answer 400 JSON to the invalid rule %j', async (body, message) => {
      const res = await postJson('/api/_/url-priorities/update', body, adminToken);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(message);
    });
  });
});

describe(CitizenlabSnapshotLoader.name, () => {
  it('should fill an empty citizenlab table once and not duplicate it on the next start', async () => {
    const varDir = makeTempDir();
    const count = async (c: ClickHouseClient, table: string) => {
      const rs = await c.query({
        query: 'SELECT count() AS n FROM {t:Identifier}',
        query_params: { t: table },
        format: 'JSONEachRow',
      });
      return (await rs.json<{ n: number }>())[0].n;
    };
    try {
      const first = await startPrioApp(varDir, { scheduler: { enabled: true } });
      let loaded: number;
      try {
        loaded = await count(first.clickhouse, 'citizenlab');
        expect(loaded).toBeGreaterThan(30000);
        expect(await count(first.clickhouse, 'url_priorities')).toBeGreaterThan(20);
        // The whole list: which entries make a short list is random among equal weights.
        const res = await fetch(`${first.url}/api/v1/test-list/urls?country_code=IT`);
        const body = (await res.json()) as TestListBody;
        expect(body.results.length).toBeGreaterThan(1000);
        expect(body.results.filter((r) => r.country_code === 'IT').length).toBeGreaterThan(50);
        expect(body.results.every((r) => ['IT', 'XX'].includes(r.country_code))).toBe(true);
      } finally {
        await first.close();
      }
      const second = await startPrioApp(varDir, { scheduler: { enabled: true } });
      try {
        expect(await count(second.clickhouse, 'citizenlab')).toBe(loaded);
        expect(await second.app.get(CitizenlabSnapshotLoader).seedIfEmpty()).toBe(0);
      } finally {
        await second.close();
      }
    } finally {
      removeDir(varDir);
    }
  });
});
