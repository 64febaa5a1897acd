import { compress, init } from '@bokuweb/zstd-wasm';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listMeasurementFixtures, loadMeasurement, OPEN_REPORT_REQUEST } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

const UID_RE = /^(\d{14})\.\d{6}_([A-Z]{2})_([a-z0-9]+)_([0-9a-f]{16})$/;

interface Json {
  [key: string]: unknown;
}

describe('Probe flow (register → login → check-in → report → submit → close)', () => {
  let t: TestApp;

  const post = async (p: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${t.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    await init();
    // scheduler.enabled: this process seeds the bundled CitizenLab snapshot, as the jobs host does.
    t = await startTestApp({ http: { trusted_proxies: ['127.0.0.1'] }, scheduler: { enabled: true } });
  });
  afterAll(async () => t.close());

  let token = '';

  it('should register a probe and log it in with a 7-day token', async () => {
    const reg = await post('/api/v1/register', { password: 'p4ss', platform: 'linux', software_name: 'ooniprobe-cli' });
    expect(reg.status).toBe(200);
    const { client_id } = (await reg.json()) as { client_id: string };
    expect(client_id.split('.')).toHaveLength(3);

    const login = await post('/api/v1/login', { username: client_id, password: 'p4ss' });
    expect(login.status).toBe(200);
    const body = (await login.json()) as { token: string; expire: string };
    expect(body.expire).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const days = (Date.parse(body.expire) - Date.now()) / 86400000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    token = body.token;
  });

  it('should log in probes registered before JWTs, and refuse forged client ids', async () => {
    expect((await post('/api/v1/login', { username: 'legacy-probe-id', password: 'x' })).status).toBe(200);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJwcm9iZV9sb2dpbiJ9.c2lnbmF0dXJlLWJ5LXNvbWVib2R5LWVsc2U';
    const res = await post('/api/v1/login', { username: forged, password: 'x' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Invalid credentials' });
  });

  it('should check in with GeoIP of the client address and report ids for what the probe claims', async () => {
    const res = await post(
      '/api/v1/check-in',
      {
        probe_cc: 'IT',
        probe_asn: 'AS3269',
        run_type: 'timed',
        charging: false,
        on_wifi: true,
        platform: 'android',
        software_name: 'ooniprobe-android',
        software_version: '3.8.0',
        web_connectivity: { category_codes: ['NEWS', 'HUMR'] },
      },
      { 'x-forwarded-for': '8.8.8.8' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as Json & { tests: Record<string, Json>; conf: Json };
    expect(body.v).toBe(1);
    expect(body.probe_cc).toBe('US');
    expect(body.probe_asn).toBe('AS15169');
    expect(typeof body.probe_network_name).toBe('string');
    expect(body.utc_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(body.conf.features).toEqual({ torsf_enabled: false, vanilla_tor_enabled: true, openvpn_enabled: false });
    const helpers = (body.conf.test_helpers as Record<string, Array<{ address: string; type: string }>>)[
      'web-connectivity'
    ];
    expect(helpers.filter((h) => h.type === 'https').length).toBeGreaterThanOrEqual(4);
    const wc = body.tests.web_connectivity as { report_id: string; urls: Array<Record<string, string>> };
    expect(wc.report_id).toMatch(/^\d{8}T\d{6}Z_webconnectivity_IT_3269_n1_[A-Za-z0-9]{16}$/);
    expect(body.tests.stunreachability.report_id).toMatch(/_stunreachability_IT_3269_/);
    expect(wc.urls.length).toBeGreaterThan(0);
    expect(wc.urls.length).toBeLessThanOrEqual(20);
    for (const u of wc.urls) {
      expect(Object.keys(u).sort()).toEqual(['category_code', 'country_code', 'url']);
      expect(['NEWS', 'HUMR']).toContain(u.category_code);
      expect(['IT', 'XX']).toContain(u.country_code);
    }
  });

  it('should give 100 URLs when charging and the whole list on manual runs', async () => {
    const charging = (await (await post('/api/v1/check-in', { charging: true })).json()) as {
      tests: { web_connectivity: { urls: unknown[] } };
    };
    expect(charging.tests.web_connectivity.urls.length).toBe(100);
    const manual = (await (await post('/api/v1/check-in', { run_type: 'manual', probe_cc: 'IT' })).json()) as {
      tests: { web_connectivity: { urls: unknown[] } };
    };
    expect(manual.tests.web_connectivity.urls.length).toBeGreaterThan(100);
  });

  it('should serve tor targets and psiphon config only with a probe token', async () => {
    for (const p of ['/api/v1/test-list/tor-targets', '/api/v1/test-list/psiphon-config']) {
      expect((await fetch(`${t.url}${p}`)).status).toBe(400);
      const bad = await fetch(`${t.url}${p}`, { headers: { authorization: 'Bearer not.a.token' } });
      expect(bad.status).toBe(401);
      const ok = await fetch(`${t.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      const body: unknown = await ok.json();
      expect(typeof body === 'object' && body !== null && !Array.isArray(body)).toBe(true);
    }
    const targets = (await (
      await fetch(`${t.url}/api/v1/test-list/tor-targets`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Record<string, { address: string }>;
    const [id, first] = Object.entries(targets)[0];
    expect(first.address).toBe(id);
  });

  it('should list test helpers and collectors, and answer the legacy bouncer', async () => {
    const helpers = (await (await fetch(`${t.url}/api/v1/test-helpers`)).json()) as Record<string, unknown[]>;
    expect(Object.keys(helpers).sort()).toEqual(
      ['dns', 'http-return-json-headers', 'ssl', 'tcp-echo', 'traceroute', 'web-connectivity'].sort(),
    );
    const collectors = (await (await fetch(`${t.url}/api/v1/collectors`)).json()) as unknown[];
    expect(collectors.length).toBeGreaterThan(0);
    const bouncer = await post('/bouncer/net-tests', { 'net-tests': [{ name: 'web_connectivity', version: '0.0.1' }] });
    expect(bouncer.status).toBe(200);
    const b = (await bouncer.json()) as { 'net-tests': Array<{ name: string; version: string }> };
    expect(b['net-tests'][0]).toMatchObject({ name: 'web_connectivity', version: '0.0.1' });
    expect((await post('/bouncer/net-tests', { 'net-tests': [] })).status).toBe(400);
  });

  it('should open a report, accept every real measurement durably, and close it', async () => {
    const open = await post('/report', OPEN_REPORT_REQUEST);
    expect(open.status).toBe(200);
    const opened = (await open.json()) as { report_id: string; supported_formats: string[]; backend_version: string };
    expect(opened.supported_formats).toEqual(expect.arrayContaining(['json', 'yaml']));
    expect(opened.report_id).toMatch(/^\d{8}T\d{6}Z_webconnectivity_IT_3269_n1_[A-Za-z0-9]{16}$/);

    const fixtures = listMeasurementFixtures('.json');
    expect(fixtures.length).toBeGreaterThan(30);
    for (const [i, name] of fixtures.entries()) {
      const body = Buffer.from(JSON.stringify({ format: 'json', content: loadMeasurement(name) }));
      // Half of them zstd-compressed, as new probes send them.
      const zstd = i % 2 === 1;
      const res = await post(
        `/report/${opened.report_id}`,
        zstd ? Buffer.from(compress(body, 3)) : body,
        zstd ? { 'content-encoding': 'zstd' } : {},
      );
      expect(res.status).toBe(200);
      const { measurement_uid } = (await res.json()) as { measurement_uid: string };
      const m = UID_RE.exec(measurement_uid);
      expect(m).not.toBeNull();
      expect(m?.[2]).toBe('IT');
      expect(m?.[3]).toBe('webconnectivity');
      expect(m?.[4]).toBe(createHash('sha512').update(body).digest('hex').slice(0, 16));
      const hour = measurement_uid.slice(0, 10);
      const file = path.join(t.varDir, 'spool', 'incoming', `${hour}_IT_webconnectivity`, `${measurement_uid}.post`);
      expect(fs.readFileSync(file).equals(body)).toBe(true);
    }

    const close = await post(`/report/${opened.report_id}/close`, '');
    expect(close.status).toBe(200);
  });

  it('should answer 200 {} and keep nothing for CC ZZ or ASN 0 reports', async () => {
    const before = fs.readdirSync(path.join(t.varDir, 'spool', 'incoming')).length;
    for (const rid of [
      '20240101T000000Z_webconnectivity_ZZ_3269_n1_abcdefghijklmnop',
      '20240101T000000Z_ndt_IT_0_n1_x',
    ]) {
      const res = await post(`/report/${rid}`, { format: 'json', content: { test_name: 'x' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
    }
    expect(fs.readdirSync(path.join(t.varDir, 'spool', 'incoming')).length).toBe(before);
  });
});
