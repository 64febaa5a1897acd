import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { AuthService } from '../../src/modules/auth/auth.service';
import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { FIXTURES_DIR, loadMeasurement } from '../helpers/fixtures';
import { decodeQuotedPrintable, SMTP_PASSWORD, SMTP_USER, startSmtp, TestSmtp } from '../helpers/smtp';
import { startTestApp, TestApp } from '../helpers/test-app';

interface ExplorerRequest {
  group: string;
  source: string;
  method: 'GET' | 'POST';
  path: string;
  query?: string;
  body?: Record<string, unknown>;
  auth?: 'user' | 'admin';
  reads: string[];
  /** A field holding a URL Explorer then requests (the next page). */
  follow?: string;
  csv?: boolean;
}

const EXPLORER = 'https://explorer.ooni.org';
const { requests: REQUESTS } = JSON.parse(
  fs.readFileSync(path.join(FIXTURES_DIR, 'explorer', 'explorer-requests.json'), 'utf8'),
) as { requests: ExplorerRequest[] };

/**
 * Groups served by modules built on other branches: until they are merged, their requests must
 * answer 404 (and nothing else may). Remove a group from here once its branch is merged.
 */
const PENDING_GROUPS = new Set(['oonimeasurements-aggregation']);

/** Measurements submitted like a probe would, dated an hour ago so that Explorer's default windows see them. */
const SUBMITTED = [
  'web_connectivity_ir_fp.json',
  'web_connectivity_no_body.json',
  'signal_022.json',
  'telegram_nourl.json',
  'tor.json',
  'torsf_2.json',
];

const day = (offsetDays: number, from = new Date()): string =>
  new Date(from.getTime() + offsetDays * 86400_000).toISOString().slice(0, 10);

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

function fillBody(body: Record<string, unknown>, vars: Record<string, string>): Record<string, unknown> {
  return JSON.parse(fill(JSON.stringify(body), vars)) as Record<string, unknown>;
}

/** Whether `doc` has the field at a `reads` path (`a[].b`: a non-empty array whose every element has `b`). */
function hasPath(doc: unknown, dotted: string): boolean {
  const [head, ...rest] = dotted.split('.');
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  if (typeof doc !== 'object' || doc === null || !(key in doc)) return false;
  const value = (doc as Record<string, unknown>)[key];
  if (!isArray) return rest.length === 0 || hasPath(value, rest.join('.'));
  return (
    Array.isArray(value) && value.length > 0 && value.every((v) => rest.length === 0 || hasPath(v, rest.join('.')))
  );
}

async function waitForRows(t: TestApp, uids: string[]): Promise<void> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const rs = await t.clickhouse.query({
      query: 'SELECT count() AS n FROM fastpath WHERE measurement_uid IN {uids:Array(String)}',
      query_params: { uids },
      format: 'JSONEachRow',
    });
    const [{ n }] = await rs.json<{ n: number | string }>();
    if (Number(n) === uids.length) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('submitted measurements were not scored in time');
}

describe('Explorer walk: every request OONI Explorer makes, from its origin', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  const vars: Record<string, string> = {};
  const tokens: Partial<Record<'user' | 'admin', string>> = {};

  /** Submits a fixture measurement as a probe would; its uid. */
  async function submit(name: string, startTime: string): Promise<{ uid: string; content: Record<string, unknown> }> {
    const content: Record<string, unknown> = {
      ...loadMeasurement(name),
      measurement_start_time: startTime,
      test_start_time: startTime,
    };
    const cc = String(content.probe_cc);
    const asn = String(content.probe_asn).replace('AS', '');
    const testName = String(content.test_name).replace(/_/g, '');
    const rid = `${startTime.replace(/[-:]/g, '').replace(' ', 'T')}Z_${testName}_${cc}_${asn}_n1_explorerwalk0000`;
    const res = await fetch(`${t.url}/report/${rid}`, {
      method: 'POST',
      body: JSON.stringify({ format: 'json', content }),
    });
    expect(res.status).toBe(200);
    return { uid: ((await res.json()) as { measurement_uid: string }).measurement_uid, content };
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      fastpath: { insert_max_latency_ms: 100 },
      auth: {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, username: SMTP_USER, password: SMTP_PASSWORD },
      },
    });
    await insertFastpathRows(t.clickhouse, scoreFixtures());
    await t.clickhouse.insert({
      table: 'citizenlab',
      values: [{ domain: 'www.facebook.com', url: 'https://www.facebook.com/', cc: 'ZZ', category_code: 'GRP' }],
      format: 'JSONEachRow',
    });
    const startTime = new Date(Date.now() - 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    const submitted = [];
    for (const name of SUBMITTED) submitted.push(await submit(name, startTime));
    await waitForRows(
      t,
      submitted.map((s) => s.uid),
    );
    const ir = submitted[0];
    const now = new Date();
    Object.assign(vars, {
      since: day(-30),
      until: day(1),
      tomorrow: day(1),
      year_start: `${now.getUTCFullYear()}-01-01`,
      since_12y: day(-12 * 365),
      cc: 'IT',
      asn: 'AS30722',
      asn_number: '30722',
      ir_cc: 'IR',
      ir_asn: 'AS197207',
      domain: 'www.facebook.com',
      uid: ir.uid,
      report_id: String(ir.content.report_id),
      input: String(ir.content.input),
      incident_id: '1',
    });
    // The findings an admin writes carry the admin's own address (the incidents API checks it).
    const adminAccount = t.app.get(AuthService).accountIdOf('walker@example.org');
    tokens.admin = t.app.get(SessionTokenService).issue(adminAccount, 'admin', {
      sessionExpiryDays: 1,
      loginExpiryDays: 1,
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  function headersFor(entry: ExplorerRequest): Record<string, string> {
    const headers: Record<string, string> = { origin: EXPLORER };
    const token = entry.auth ? tokens[entry.auth] : undefined;
    if (entry.auth) {
      expect({ entry: entry.source, token: typeof token }).toEqual({ entry: entry.source, token: 'string' });
    }
    if (token) headers.authorization = `Bearer ${token}`;
    if (entry.body) headers['content-type'] = 'application/json';
    return headers;
  }

  async function send(entry: ExplorerRequest): Promise<Response> {
    const query = entry.query ? `?${fill(entry.query, vars)}` : '';
    return fetch(`${t.url}${fill(entry.path, vars)}${query}`, {
      method: entry.method,
      headers: headersFor(entry),
      body: entry.body ? JSON.stringify(fillBody(entry.body, vars)) : undefined,
    });
  }

  /** A browser asks first when Explorer sends a token or a JSON body. */
  async function expectPreflight(entry: ExplorerRequest): Promise<void> {
    const requested = [entry.auth ? 'authorization' : '', entry.body ? 'content-type' : ''].filter(Boolean);
    const res = await fetch(`${t.url}${fill(entry.path, vars)}`, {
      method: 'OPTIONS',
      headers: {
        origin: EXPLORER,
        'access-control-request-method': entry.method,
        'access-control-request-headers': requested.join(','),
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(EXPLORER);
    expect(res.headers.get('access-control-allow-methods')?.split(/,\s*/)).toContain(entry.method);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(requested));
  }

  function expectCors(res: Response): void {
    expect(res.headers.get('access-control-allow-origin')).toBe(EXPLORER);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  }

  /** What Explorer does with some answers: read the login link, keep the session token, follow next_url. */
  async function afterAnswer(entry: ExplorerRequest, doc: unknown): Promise<void> {
    if (entry.path === '/api/v1/user_register') {
      const text = decodeQuotedPrintable(smtp.messages[smtp.messages.length - 1].raw);
      const link = /https:\/\/explorer\.ooni\.org\/login\?token=([A-Za-z0-9_.-]+)/.exec(text);
      expect(link).not.toBeNull();
      vars.login_token = link![1];
    }
    if (entry.path === '/api/v1/user_login') tokens.user = (doc as { bearer: string }).bearer;
    if (entry.path === '/api/v1/incidents/create') vars.incident_id = String((doc as { id: unknown }).id);
    if (entry.follow) {
      const next = (doc as Record<string, Record<string, unknown>>)[entry.follow.split('.')[0]][
        entry.follow.split('.')[1]
      ];
      expect(typeof next).toBe('string');
      const url = new URL(next as string);
      const res = await fetch(`${t.url}${url.pathname}${url.search}`, { headers: { origin: EXPLORER } });
      expect(res.status).toBe(200);
      expectCors(res);
      const page = await res.json();
      for (const field of entry.reads) {
        expect({ field, present: hasPath(page, field) }).toEqual({ field, present: true });
      }
    }
  }

  describe('served by this API', () => {
    for (const entry of REQUESTS.filter((r) => !PENDING_GROUPS.has(r.group))) {
      it(`should answer ${entry.method} ${entry.path} as ${entry.source} reads it`, async () => {
        if (entry.auth || entry.body) await expectPreflight(entry);
        const res = await send(entry);
        expect({ status: res.status, ok: res.ok }).toEqual({ status: res.status, ok: true });
        expectCors(res);
        if (entry.csv) {
          expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
          expect((await res.text()).split('\n')[0]).toContain('measurement_count');
          return;
        }
        const doc = await res.json();
        for (const field of entry.reads) {
          expect({ field, present: hasPath(doc, field) }).toEqual({ field, present: true });
        }
        await afterAnswer(entry, doc);
      });
    }
  });

  describe('served by modules on other branches (pending until merged)', () => {
    for (const entry of REQUESTS.filter((r) => PENDING_GROUPS.has(r.group))) {
      it(`should still answer ${entry.method} ${entry.path} (${entry.group}) with 404 JSON and CORS headers`, async () => {
        const res = await send(entry);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: expect.any(String) });
        expectCors(res);
      });
    }
  });

  it('should list every request group it knows', () => {
    const groups = new Set(REQUESTS.map((r) => r.group));
    expect([...groups].sort()).toEqual(['core', 'incidents', 'private-stats', ...PENDING_GROUPS].sort());
  });
});
