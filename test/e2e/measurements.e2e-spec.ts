import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionExpungeRepository } from '../../src/common/auth/session-expunge.repository';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { loadMeasurement } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

interface SearchBody {
  metadata: {
    count: number;
    pages: number;
    limit: number;
    offset: number;
    next_url: string | null;
    current_page: number;
  };
  results: Array<Record<string, unknown> & { measurement_uid: string; measurement_start_time: string }>;
}

const WIDE = 'since=2010-01-01&until=2030-01-01';

describe('Measurements API', () => {
  let t: TestApp;
  let rows: FastpathRow[];

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${t.url}${path}`, { headers });
  const search = async (qs: string): Promise<SearchBody> => {
    // The first of repeated keys wins (legacy request.args.get): the test's own dates come first.
    const res = await get(`/api/v1/measurements?${qs}&${WIDE}`);
    expect(res.status).toBe(200);
    return (await res.json()) as SearchBody;
  };

  beforeAll(async () => {
    t = await startTestApp({ base_url: 'https://api.example.org', fastpath: { insert_max_latency_ms: 100 } });
    rows = scoreFixtures();
    await insertFastpathRows(t.clickhouse, rows);
    // The same rows again: ReplacingMergeTree duplicates must never show twice.
    await insertFastpathRows(t.clickhouse, rows.slice(0, 5));
    await t.clickhouse.insert({
      table: 'citizenlab',
      values: [{ domain: 'www.facebook.com', url: 'https://www.facebook.com/', cc: 'ZZ', category_code: 'GRP' }],
      format: 'JSONEachRow',
    });
  });
  afterAll(async () => t.close());

  it('should list every scored measurement once, in the legacy shape', async () => {
    expect(rows.length).toBeGreaterThan(25);
    const body = await search('limit=1000');
    const uids = body.results.map((r) => r.measurement_uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.length).toBe(rows.filter((r) => r.probe_cc !== 'ZZ' && r.probe_asn !== 0).length);
    expect(body.metadata).toMatchObject({ count: uids.length, pages: 1, offset: 0, limit: 1000, next_url: null });
    const sample = body.results[0];
    expect(Object.keys(sample).sort()).toEqual(
      [
        'anomaly', 'confirmed', 'failure', 'input', 'measurement_start_time', 'measurement_uid', 'measurement_url',
        'probe_asn', 'probe_cc', 'report_id', 'scores', 'test_name', 'verification_status',
      ].sort(), // prettier-ignore
    );
    for (const r of body.results) {
      expect(r.probe_asn).toMatch(/^AS\d+$/);
      expect(r.measurement_start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(typeof r.scores).toBe('object');
      expect(r.measurement_url).toBe(
        `https://api.example.org/api/v1/raw_measurement?measurement_uid=${encodeURIComponent(r.measurement_uid)}`,
      );
      expect(r.input === null || (typeof r.input === 'string' && r.input !== '')).toBe(true);
      // Rows written without is_verified take the column default.
      expect(r.verification_status).toBe('unverified');
    }
    expect(body.results.some((r) => r.input === null)).toBe(true);
  });

  it('should order by measurement_start_time descending by default, and as asked otherwise', async () => {
    const desc = (await search('limit=1000')).results.map((r) => r.measurement_start_time);
    expect(desc).toEqual([...desc].sort().reverse());
    const asc = (await search('limit=1000&order=asc')).results.map((r) => r.measurement_start_time);
    expect(asc).toEqual([...asc].sort());
    const byCc = (await search('limit=1000&order_by=probe_cc&order=ASC')).results.map((r) => r.probe_cc as string);
    expect(byCc).toEqual([...byCc].sort());
  });

  it('should give exact first pages when the newest rows have unmerged duplicates', async () => {
    const all = (await search('limit=1000')).results.map((r) => r.measurement_uid);
    const newest = rows.filter((r) => all.slice(0, 2).includes(r.measurement_uid));
    await insertFastpathRows(t.clickhouse, newest);
    await insertFastpathRows(t.clickhouse, newest);
    for (const limit of [1, 3, 5]) {
      expect((await search(`limit=${limit}`)).results.map((r) => r.measurement_uid)).toEqual(all.slice(0, limit));
      const asc = (await search(`limit=${limit}&order=asc`)).results.map((r) => r.measurement_uid);
      expect(asc).toEqual((await search('limit=1000&order=asc')).results.map((r) => r.measurement_uid).slice(0, limit));
    }
  });

  it('should page with offset/limit and a next_url that walks the whole result set', async () => {
    const all = (await search('limit=1000')).results.map((r) => r.measurement_uid);
    const seen: string[] = [];
    let url: string | null = `/api/v1/measurements?${WIDE}&limit=7`;
    let pages = 0;
    while (url) {
      const res = await get(url.replace('https://api.example.org', ''));
      const body = (await res.json()) as SearchBody;
      seen.push(...body.results.map((r) => r.measurement_uid));
      if (body.metadata.next_url) {
        expect(body.metadata).toMatchObject({ count: -1, pages: -1, limit: 7 });
        expect(body.metadata.next_url).toContain(`offset=${body.metadata.offset + 7}`);
      }
      url = body.metadata.next_url;
      pages++;
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.floor(all.length / 7) + 1);
  });

  it.each([
    ['probe_cc=IT', (r: FastpathRow) => r.probe_cc === 'IT'],
    ['probe_asn=AS30722', (r: FastpathRow) => r.probe_asn === 30722],
    ['probe_asn=30722', (r: FastpathRow) => r.probe_asn === 30722],
    ['test_name=web_connectivity', (r: FastpathRow) => r.test_name === 'web_connectivity'],
    ['anomaly=true', (r: FastpathRow) => r.anomaly === 't'],
    ['anomaly=false', (r: FastpathRow) => r.anomaly === 'f'],
    ['confirmed=true', (r: FastpathRow) => r.confirmed === 't'],
    ['failure=true', (r: FastpathRow) => r.msm_failure === 't'],
    ['failure=false', (r: FastpathRow) => r.msm_failure === 'f'],
    ['input=https://www.facebook.com/', (r: FastpathRow) => r.input === 'https://www.facebook.com/'],
    ['domain=www.facebook.com', (r: FastpathRow) => r.domain === 'www.facebook.com'],
    ['category_code=GRP', (r: FastpathRow) => r.input === 'https://www.facebook.com/'],
    ['software_version=3.16.0,2.2.0', (r: FastpathRow) => ['3.16.0', '2.2.0'].includes(r.software_version)],
    ['since=2022-01-01&until=2022-12-31', (r: FastpathRow) => r.measurement_start_time.startsWith('2022')],
  ])('should filter with %s', async (qs, keep) => {
    const expected = rows
      .filter((r) => r.probe_cc !== 'ZZ' && r.probe_asn !== 0)
      .filter(keep)
      .map((r) => r.measurement_uid)
      .sort();
    const got = (await search(`limit=1000&${qs}`)).results.map((r) => r.measurement_uid).sort();
    expect(got).toEqual(expected);
  });

  it('should find a report by report_id without dates', async () => {
    const row = rows[3];
    const res = await get(`/api/v1/measurements?report_id=${row.report_id}`);
    const body = (await res.json()) as SearchBody;
    expect(body.results.map((r) => r.measurement_uid)).toContain(row.measurement_uid);
    expect(body.results.every((r) => r.report_id === row.report_id)).toBe(true);
  });

  it.each([
    ['limit=0', 400],
    ['limit=1001', 400],
    ['limit=ten', 400],
    ['offset=-1', 400],
    ['order=sideways', 400],
    ['order_by=scores', 400],
    ['since=yesterday', 400],
    ['until=2024-02-31', 400],
    ['probe_cc=ITA', 400],
    ['probe_asn=ASX', 400],
    // fastpath.probe_asn is an Int32: no silent wrap-around to a negative ASN.
    ['probe_asn=3000000000', 400],
    ['probe_asn=AS2147483648', 400],
    ['report_id=short', 400],
    ['probe_cc=ZZ', 403],
    ['probe_asn=AS0', 403],
  ])('should answer %s with %i JSON', async (qs, status) => {
    const res = await get(`/api/v1/measurements?${qs}`);
    expect(res.status).toBe(status);
    expect(typeof ((await res.json()) as { error: unknown }).error).toBe('string');
  });

  it.each([
    'report_id',
    'probe_cc',
    'probe_asn',
    'test_name',
    'since',
    'until',
    'order_by',
    'order',
    'offset',
    'limit',
    'anomaly',
    'confirmed',
    'failure',
    'input',
    'domain',
    'category_code',
    'software_version',
    'test_version',
    'engine_version',
    'ooni_run_link_id',
  ])('should never let SQL through the %s parameter', async (name) => {
    for (const attack of ["IT' OR 1=1--", '1; DROP TABLE fastpath', "x') UNION SELECT * FROM accounts--"]) {
      const res = await get(`/api/v1/measurements?${name}=${encodeURIComponent(attack)}&${WIDE}`);
      expect([200, 400]).toContain(res.status);
      if (res.status !== 200) continue;
      const { results } = (await res.json()) as SearchBody;
      // Flags follow the legacy rule: anything but "true" means false.
      const flag = (['anomaly', 'confirmed', 'failure'] as string[]).includes(name) ? name : undefined;
      if (flag) expect(results.every((r) => r[flag] === false)).toBe(true);
      else expect(results).toEqual([]);
    }
    expect((await search('limit=1000')).results.length).toBeGreaterThan(0);
  });

  it('should answer old okhttp probes with the fixed legacy document', async () => {
    const res = await get('/api/v1/measurements', { 'user-agent': 'okhttp/3.12' });
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(((await res.json()) as SearchBody).results).toEqual([{ measurement_url: '' }]);
  });

  it('should answer verification_status from fastpath.is_verified in search rows and metadata', async () => {
    const base = rows.find((r) => r.probe_cc === 'IT' && r.probe_asn !== 0) as FastpathRow;
    const codes = { t: 'verified', f: 'failed', u: 'unverified' } as const;
    const made = Object.keys(codes).map((code, i) => ({
      ...base,
      measurement_uid: `${base.measurement_uid.slice(0, 21)}_IT_verified_${String(i).padStart(16, '0')}`,
      report_id: `20240101T000000Z_webconnectivity_IT_30722_n1_verification${code}`,
      is_verified: code,
    }));
    await t.clickhouse.insert({ table: 'fastpath', values: made, format: 'JSONEachRow' });
    for (const row of made) {
      const { results } = await search(`report_id=${row.report_id}`);
      expect(results.map((r) => r.verification_status)).toEqual([codes[row.is_verified as keyof typeof codes]]);
      const meta = (await (await get(`/api/v1/measurement_meta?measurement_uid=${row.measurement_uid}`)).json()) as {
        verification_status: string;
      };
      expect(meta.verification_status).toBe(codes[row.is_verified as keyof typeof codes]);
    }
  });

  describe('measurement_meta', () => {
    it('should give typed metadata by measurement_uid', async () => {
      const row = rows.find((r) => r.input === 'https://www.facebook.com/') as FastpathRow;
      const res = await get(`/api/v1/measurement_meta?measurement_uid=${row.measurement_uid}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('max-age=60');
      const meta = (await res.json()) as Record<string, unknown>;
      expect(meta).toMatchObject({
        measurement_uid: row.measurement_uid,
        probe_asn: row.probe_asn,
        probe_cc: row.probe_cc,
        report_id: row.report_id,
        scores: row.scores,
        category_code: 'GRP',
        anomaly: row.anomaly === 't',
        input: row.input,
      });
      expect(meta.measurement_start_time).toMatch(/Z$/);
      expect(meta).not.toHaveProperty('raw_measurement');
    });

    it('should give input and category_code as "" (never null) for a test without input', async () => {
      const row = rows.find((r) => r.input === '' && r.probe_asn !== 0 && r.probe_cc !== 'ZZ') as FastpathRow;
      const meta = (await (
        await get(`/api/v1/measurement_meta?measurement_uid=${row.measurement_uid}`)
      ).json()) as Record<string, unknown>;
      expect(meta).toMatchObject({ measurement_uid: row.measurement_uid, input: '', category_code: '' });
      expect(Object.keys(meta).sort()).toEqual(
        [
          'anomaly', 'category_code', 'confirmed', 'failure', 'input', 'measurement_start_time', 'measurement_uid',
          'probe_asn', 'probe_cc', 'report_id', 'scores', 'test_name', 'test_start_time', 'verification_status',
        ].sort(), // prettier-ignore
      );
    });

    it('should find metadata by report_id + input, and answer {} for unknown ones', async () => {
      const row = rows.find((r) => r.input !== '') as FastpathRow;
      const qs = new URLSearchParams({ report_id: row.report_id, input: row.input });
      const meta = (await (await get(`/api/v1/measurement_meta?${qs.toString()}`)).json()) as Record<string, unknown>;
      expect(meta.measurement_uid).toBe(row.measurement_uid);
      const unknown = await get(
        '/api/v1/measurement_meta?measurement_uid=20990101000000.000000_IT_ndt_0000000000000000',
      );
      expect(unknown.status).toBe(200);
      expect(await unknown.json()).toEqual({});
      expect((await get('/api/v1/measurement_meta?measurement_uid=x')).status).toBe(400);
      expect((await get('/api/v1/measurement_meta')).status).toBe(400);
    });
  });

  describe('bodies', () => {
    /**
     * A real measurement whose JSON text JSON.parse + JSON.stringify would change: spaces and
     * a tab, an integer-like key (moved first by JS), `1.0`, `1E2`, `\u00e9`, `\/`, and a
     * `measurement_uid` of the probe's own.
     */
    function unusualContent(fixture: string): string {
      const compact = JSON.stringify(loadMeasurement(fixture));
      return `{ "measurement_uid" : "probe-own-uid",\t"b": 1.0, "10": 1E2, "s": "\\u00e9\\/",${compact.slice(1)}`;
    }

    async function submitText(reportId: string, content: string): Promise<string> {
      const res = await fetch(`${t.url}/report/${reportId}`, {
        method: 'POST',
        body: `{"format": "json", "content": ${content} }`,
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { measurement_uid: string }).measurement_uid;
    }

    /** measurement_meta?full=true, once the fastpath row has appeared (within seconds). */
    async function fullMeta(uid: string): Promise<Record<string, unknown>> {
      let meta: Record<string, unknown> = {};
      for (let i = 0; i < 100 && !meta.measurement_uid; i++) {
        await new Promise((r) => setTimeout(r, 100));
        meta = (await (await get(`/api/v1/measurement_meta?measurement_uid=${uid}&full=true`)).json()) as Record<
          string,
          unknown
        >;
      }
      return meta;
    }

    it('should serve a fresh measurement from the spool through every body endpoint, byte for byte', async () => {
      const content = unusualContent('signal_022.json');
      expect(JSON.stringify(JSON.parse(content))).not.toBe(content);
      const measurement_uid = await submitText('20240101T000000Z_signal_IT_30722_n1_abcdefghijklmnop', content);

      const direct = await get(`/api/v1/measurement/${measurement_uid}?download=true`);
      expect(direct.status).toBe(200);
      expect(direct.headers.get('content-disposition')).toContain(`ooni_measurement-${measurement_uid}.json`);
      expect(await direct.text()).toBe(content);

      const meta = await fullMeta(measurement_uid);
      expect(meta.measurement_uid).toBe(measurement_uid);
      expect(meta.raw_measurement).toBe(content);
      const raw = await get(`/api/v1/raw_measurement?measurement_uid=${measurement_uid}`);
      expect(await raw.text()).toBe(content);
    });

    it('should serve the same bytes before the upload (spool) and after it (bucket byte range)', async () => {
      const content = unusualContent('whatsapp.json');
      const measurement_uid = await submitText('20240101T000000Z_whatsapp_IE_6830_n1_abcdefghijklmnop', content);
      const before = await (await get(`/api/v1/measurement/${measurement_uid}`)).text();
      expect(before).toBe(content);

      const admin = t.app
        .get(SessionTokenService)
        .issue(createHash('md5').update('admin').digest('hex'), 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
      const run = await fetch(`${t.url}/api/_/admin/run-job/uploader?all=true`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(run.status).toBe(200);
      const spooled = fs.readdirSync(path.join(t.varDir, 'spool', 'incoming'), { recursive: true });
      expect(spooled.filter((f) => String(f).endsWith('.post'))).toEqual([]);

      const after = await get(`/api/v1/measurement/${measurement_uid}`);
      expect(after.status).toBe(200);
      expect(await after.text()).toBe(content);
      expect((await fullMeta(measurement_uid)).raw_measurement).toBe(content);
      expect(await (await get(`/api/v1/raw_measurement?measurement_uid=${measurement_uid}`)).text()).toBe(content);
    });

    it('should answer unknown measurements as legacy does', async () => {
      const res = await get('/api/v1/measurement/20990101000000.000000_IT_ndt_0000000000000000');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'Incorrect or inexistent measurement_uid' });
      const raw = await get('/api/v1/raw_measurement?measurement_uid=20990101000000.000000_IT_ndt_0000000000000000');
      expect(await raw.json()).toEqual({});
    });
  });

  describe('feedback', () => {
    const uid = '20240101000000.000000_IT_webconnectivity_0123456789abcdef';
    const post = (body: unknown, token?: string): Promise<Response> =>
      fetch(`${t.url}/api/_/measurement_feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const token = (account: string): string =>
      t.app
        .get(SessionTokenService)
        .issue(createHash('md5').update(account).digest('hex'), 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });

    it('should accept feedback from logged-in users only, one per user, the latest winning', async () => {
      expect((await post({ measurement_uid: uid, status: 'ok' })).status).toBe(401);
      const alice = token('alice');
      const bob = token('bob');
      expect((await post({ measurement_uid: uid, status: 'blocked.dns' }, alice)).status).toBe(200);
      expect((await post({ measurement_uid: uid, status: 'ok' }, alice)).status).toBe(200);
      expect((await post({ measurement_uid: uid, status: 'ok' }, bob)).status).toBe(200);
      expect((await post({ measurement_uid: uid, status: 'weird' }, bob)).status).toBe(400);

      const anonymous = await (await get(`/api/_/measurement_feedback/${uid}`)).json();
      expect(anonymous).toEqual({ summary: { ok: 2 } });
      const mine = await (await get(`/api/_/measurement_feedback/${uid}`, { authorization: `Bearer ${alice}` })).json();
      expect(mine).toEqual({ summary: { ok: 2 }, user_feedback: 'ok' });
    });

    it('should not honour a token issued before the account was expunged, on the optional-session route too', async () => {
      const carol = token('carol');
      expect((await post({ measurement_uid: uid, status: 'down' }, carol)).status).toBe(200);
      const auth = { authorization: `Bearer ${carol}` };
      expect(await (await get(`/api/_/measurement_feedback/${uid}`, auth)).json()).toMatchObject({
        user_feedback: 'down',
      });
      await t.app.get(SessionExpungeRepository).expungeNow(createHash('md5').update('carol').digest('hex'));
      // The same checks as the guarded routes: the summary is public, the account's own part is not.
      const after = (await (await get(`/api/_/measurement_feedback/${uid}`, auth)).json()) as object;
      expect(after).toEqual({ summary: { ok: 2, down: 1 } });
      expect((await post({ measurement_uid: uid, status: 'ok' }, carol)).status).toBe(401);
      // account_metadata answers like api.ooni.org: 200, logged out.
      const metadata = await get('/api/_/account_metadata', auth);
      expect(metadata.status).toBe(200);
      expect(await metadata.json()).toEqual({ logged_in: false, role: '' });
    });
  });
});
