import { stringify } from 'csv-stringify/sync';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { FingerprintsService } from '../../src/modules/fastpath/fingerprints.service';
import { SourceServer, startSourceServer } from '../helpers/source-server';
import { startTestApp, TestApp } from '../helpers/test-app';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'data');
const COLUMNS = [
  'name',
  'scope',
  'other_names',
  'location_found',
  'pattern_type',
  'pattern',
  'confidence_no_fp',
  'expected_countries',
  'source',
  'exp_url',
  'notes',
];

type Row = Record<string, string | number>;
const fixture = (kind: 'dns' | 'http'): Row[] =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, `fingerprints_${kind}.json`), 'utf8')) as Row[];
const toCsv = (rows: Row[]): string => stringify(rows, { header: true, columns: COLUMNS });

describe('fingerprints updater job', () => {
  let src: SourceServer;
  let t: TestApp;
  let admin: string;
  const dns = fixture('dns').map((r) => ({ ...r, source: 'test' }));
  // A marker only the served CSV has, so the swap is visible.
  const http = [
    ...fixture('http'),
    { ...fixture('http')[0], name: 'test.marker_1', pattern: 'blocked-by-test-marker' },
  ];

  const runJob = (): Promise<Response> =>
    fetch(`${t.url}/api/_/admin/run-job/fingerprints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
  const jobStatus = async (): Promise<Record<string, unknown>> => {
    const res = await fetch(`${t.url}/api/_/admin/jobs`, { headers: { authorization: `Bearer ${admin}` } });
    const body = (await res.json()) as { jobs: Array<Record<string, unknown>> };
    return body.jobs.find((j) => j.name === 'fingerprints')!;
  };
  const tableState = async (table: string): Promise<{ n: number; names: string[] }> => {
    const rs = await t.clickhouse.query({
      query: 'SELECT name FROM {t:Identifier} ORDER BY name',
      query_params: { t: table },
      format: 'JSONEachRow',
    });
    const names = (await rs.json<{ name: string }>()).map((r) => r.name);
    return { n: names.length, names };
  };

  beforeAll(async () => {
    src = await startSourceServer();
    t = await startTestApp({
      fastpath: { workers: 1 },
      fingerprints_updater: { dns_url: `${src.url}/fp/dns.csv`, http_url: `${src.url}/fp/http.csv` },
    });
    admin = t.app.get(SessionTokenService).issue('a'.repeat(32), 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
  });
  afterAll(async () => {
    await t?.close();
    await src?.close();
  });

  it('should swap in the served fingerprints and hand them to the fastpath at once', async () => {
    src.routes.set('/fp/dns.csv', { body: toCsv(dns) });
    src.routes.set('/fp/http.csv', { body: toCsv(http) });
    const fastpath = t.app.get(FingerprintsService);
    const before = fastpath.current.version;
    expect((await tableState('fingerprints_http')).names).not.toContain('test.marker_1');

    const res = await runJob();
    expect(res.status).toBe(200);
    const uniqueHttp = new Set(http.map((r) => r.name)).size;
    expect(await res.json()).toEqual({ dns_rows: dns.length, http_rows: uniqueHttp, fastpath_reloaded: true });

    expect((await tableState('fingerprints_dns')).n).toBe(dns.length);
    const live = await tableState('fingerprints_http');
    expect(live.n).toBe(uniqueHttp);
    expect(live.names).toContain('test.marker_1');
    expect(fastpath.current.version).toBe(before + 1);
    const loaded = JSON.parse(fs.readFileSync(fastpath.current.file!, 'utf8')) as { http: Row[] };
    expect(loaded.http.find((r) => r.name === 'test.marker_1')?.pattern).toBe('blocked-by-test-marker');
    expect(await jobStatus()).toMatchObject({ last_outcome: 'success', last_error: null });
  });

  it('should keep the live tables when a CSV is corrupt, and show why', async () => {
    const before = await tableState('fingerprints_http');
    src.routes.set('/fp/http.csv', { body: toCsv(http.map((r, i) => (i === 7 ? { ...r, scope: 'bogus' } : r))) });
    const res = await runJob();
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toMatch(/row 9: unknown scope "bogus"/);
    expect(await tableState('fingerprints_http')).toEqual(before);
    expect(await jobStatus()).toMatchObject({ last_outcome: 'failure', last_error: expect.stringMatching(/bogus/) });
  });

  it('should keep the live tables when a download is cut short', async () => {
    const dnsBefore = await tableState('fingerprints_dns');
    const httpBefore = await tableState('fingerprints_http');
    // DNS is good and staged first; HTTP breaks: neither is swapped in.
    src.routes.set('/fp/dns.csv', { body: toCsv(dns.slice(0, 120)) });
    const body = toCsv(http);
    src.routes.set('/fp/http.csv', { body, truncateAt: Math.floor(body.length / 2) });
    const res = await runJob();
    expect(res.status).toBe(500);
    expect(await tableState('fingerprints_dns')).toEqual(dnsBefore);
    expect(await tableState('fingerprints_http')).toEqual(httpBefore);
    expect(await jobStatus()).toMatchObject({ last_outcome: 'failure', running: false });
  });

  it('should refuse a CSV with too few rows (a truncated file that still parses)', async () => {
    const before = await tableState('fingerprints_dns');
    src.routes.set('/fp/dns.csv', { body: toCsv(dns.slice(0, 20)) });
    const res = await runJob();
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toMatch(/has 20 rows, expected 100-50000/);
    expect(await tableState('fingerprints_dns')).toEqual(before);
  });

  it('should refuse a second run while one is fetching', async () => {
    src.routes.set('/fp/dns.csv', { body: toCsv(dns), delayMs: 1500 });
    src.routes.set('/fp/http.csv', { body: toCsv(http) });
    const first = runJob();
    await new Promise((r) => setTimeout(r, 300));
    const second = await runJob();
    expect(second.status).toBe(409);
    expect((await jobStatus()).running).toBe(true);
    expect((await first).status).toBe(200);
  });
});
