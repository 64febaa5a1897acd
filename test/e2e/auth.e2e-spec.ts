import { DiscoveryService, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { AppModule } from '../../src/app.module';
import { createAdminCommand } from '../../src/cli/create-admin.command';
import { Role } from '../../src/common/auth/auth.types';
import { listRoutes, RouteAuth } from '../../src/common/auth/route-audit';
import { AppConfig } from '../../src/common/config/app-config';
import { buildOpenApiDocument } from '../../src/common/openapi/openapi';
import { QuotasModule } from '../../src/common/quotas/quotas.module';
import { QUOTA_OPTIONS, quotaOptionsFromConfig } from '../../src/common/quotas/quotas.options';
import { AuthModule } from '../../src/modules/auth/auth.module';
import { AUTH_OPTIONS, authOptionsFromConfig, mergeAuthOptions } from '../../src/modules/auth/auth.options';
import { decodeQuotedPrintable, SMTP_PASSWORD, SMTP_USER, startSmtp } from '../helpers/smtp';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { listenTestingModule } from '../helpers/test-app';
import { testConfig } from '../helpers/test-config';

const ADMIN = 'admin@example.org';
const USER = 'Nick@Example.org';
const REPO_ROOT = path.join(__dirname, '..', '..');

/** The whole application (AppModule) plus the auth and quota modules if AppModule does not import them yet. */
async function startApp(config: AppConfig, smtpPort: number): Promise<{ app: NestFastifyApplication; url: string }> {
  const root = AppModule.forRoot(config);
  const wired = root.imports ?? [];
  const extra = [AuthModule, QuotasModule].filter((m) => !wired.includes(m));
  const moduleRef = await Test.createTestingModule({ imports: [root, ...extra] })
    .overrideProvider(AUTH_OPTIONS)
    .useValue(
      mergeAuthOptions(authOptionsFromConfig(config), {
        smtp: { host: '127.0.0.1', port: smtpPort, secure: false, username: SMTP_USER, password: SMTP_PASSWORD },
      }),
    )
    .overrideProvider(QUOTA_OPTIONS)
    .useValue(quotaOptionsFromConfig(config))
    .compile();
  return listenTestingModule(moduleRef);
}

/** Every route of the application, every method and path, with its auth decision. */
function discoverRoutes(app: NestFastifyApplication): RouteAuth[] {
  return listRoutes(app.get(DiscoveryService), app.get(Reflector));
}

function rolesOf(r: RouteAuth): readonly Role[] | undefined {
  return r.decision?.kind === 'roles' ? r.decision.roles : undefined;
}

describe('Auth (e2e)', () => {
  let varDir: string;
  let config: AppConfig;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: NestFastifyApplication;
  let url: string;

  const get = (p: string, token?: string): Promise<Response> =>
    fetch(`${url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const post = (p: string, body: unknown, token?: string): Promise<Response> =>
    fetch(`${url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  /** Registers, reads the emailed link, and logs in with it: the session token. */
  async function registerAndLogin(email: string, redirectTo = 'https://explorer.ooni.org'): Promise<string> {
    const before = smtp.messages.length;
    const reg = await post('/api/v1/user_register', { email_address: email, redirect_to: redirectTo });
    expect(reg.status).toBe(200);
    expect(await reg.json()).toEqual({ msg: 'ok' });
    expect(smtp.messages).toHaveLength(before + 1);
    const message = smtp.messages[before];
    expect(message.to).toEqual([email.toLowerCase()]);
    const text = decodeQuotedPrintable(message.raw);
    expect(text).toContain('Subject: OONI Account activation');
    expect(text).not.toMatch(/[0-9a-f]{32}/); // no account id in the email
    // The link leads to the /login page of the UI the user came from.
    const link = /https:\/\/([a-z.-]+)\/login\?token=([A-Za-z0-9_.-]+)/.exec(text);
    expect(link?.[1]).toBe(new URL(redirectTo).hostname);
    const login = await get(`/api/v1/user_login?k=${link![2]}`);
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-cache');
    expect(login.headers.get('set-cookie')).toMatch(/^ooni=[^;]+; Max-Age=864000; Path=\/; HttpOnly; SameSite=Strict/);
    const body = (await login.json()) as { redirect_to: string; bearer: string; email_address: string };
    expect(body.redirect_to).toBe(redirectTo);
    expect(body.email_address).toBe(email.toLowerCase());
    return body.bearer;
  }

  beforeAll(async () => {
    varDir = makeTempDir('ooni-auth-');
    config = testConfig(varDir, { fastpath: { enabled: false } });
    smtp = await startSmtp();
    // Bootstrap the first admin with the CLI while no server owns the embedded database.
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await createAdminCommand(() => config).parseAsync([ADMIN], { from: 'user' });
      expect(String(out.mock.calls[0][0])).toMatch(/^account [0-9a-f]{32} is now admin/);
    } finally {
      out.mockRestore();
    }
    ({ app, url } = await startApp(config, smtp.port));
  });

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    removeDir(varDir);
  });

  it('should take a user from registration to admin and back out through expunge', async () => {
    const loggedOut = await get('/api/_/account_metadata');
    expect(loggedOut.status).toBe(200);
    expect(await loggedOut.json()).toEqual({ logged_in: false, role: '' });
    const userToken = await registerAndLogin(USER);
    const meta = await get('/api/_/account_metadata', userToken);
    expect(meta.status).toBe(200);
    expect(await meta.json()).toEqual({ logged_in: true, role: 'user' });

    // A plain user may not use admin routes.
    const denied = await get(`/api/v1/get_account_role/${ADMIN}`, userToken);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: 'Role not authorized' });
    expect((await post('/api/v1/set_account_role', { email_address: USER, role: 'admin' }, userToken)).status).toBe(
      403,
    );

    // The admin created by the CLI promotes the user.
    const adminToken = await registerAndLogin(ADMIN, 'https://test-lists.ooni.org/x?y=1');
    expect(await (await get('/api/_/account_metadata', adminToken)).json()).toEqual({ logged_in: true, role: 'admin' });
    expect(await (await get(`/api/v1/get_account_role/${ADMIN}`, adminToken)).json()).toEqual({ role: 'admin' });
    const notFound = await get(`/api/v1/get_account_role/${USER}`, adminToken);
    expect(notFound.status).toBe(400);
    expect(await notFound.json()).toEqual({ error: 'Account not found' });
    const promote = await post('/api/v1/set_account_role', { email_address: USER, role: 'admin' }, adminToken);
    expect(promote.status).toBe(200);
    expect(await promote.json()).toEqual({});
    expect(await (await get(`/api/v1/get_account_role/${USER.toLowerCase()}`, adminToken)).json()).toEqual({
      role: 'admin',
    });

    // The old token still says "user"; a refresh picks up the new role.
    expect((await get(`/api/v1/get_account_role/${ADMIN}`, userToken)).status).toBe(403);
    const refresh = await get('/api/v1/user_refresh_token', userToken);
    expect(refresh.status).toBe(200);
    const { bearer: promoted } = (await refresh.json()) as { bearer: string };
    expect((await get(`/api/v1/get_account_role/${ADMIN}`, promoted)).status).toBe(200);

    // Expunge: every token issued so far is void.
    const expunge = await post('/api/v1/set_session_expunge', { email_address: USER }, adminToken);
    expect(expunge.status).toBe(200);
    for (const token of [userToken, promoted]) {
      const res = await get(`/api/v1/get_account_role/${ADMIN}`, token);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Authentication token expired' });
      expect((await get('/api/v1/user_refresh_token', token)).status).toBe(401);
      expect(await (await get('/api/_/account_metadata', token)).json()).toEqual({ logged_in: false, role: '' });
    }
    // The admin's own sessions are untouched.
    expect((await get(`/api/v1/get_account_role/${ADMIN}`, adminToken)).status).toBe(200);

    // A token issued after the expunge is valid again (signed a second later than the threshold).
    const jwt = app.get(JwtService);
    const later = Math.floor(Date.now() / 1000) + 2;
    const fresh = jwt.sign({
      nbf: later - 2,
      iat: later,
      exp: later + 3600,
      aud: 'user_auth',
      account_id: jwt.decode<{ account_id: string }>(userToken).account_id,
      login_time: later,
      role: 'admin',
    });
    expect((await get(`/api/v1/get_account_role/${ADMIN}`, fresh)).status).toBe(200);
  });

  it('should accept registrations as HTML forms and validate their fields', async () => {
    const form = await fetch(`${url}/api/v1/user_register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email_address=form%40example.org&redirect_to=https%3A%2F%2Fexplorer.ooni.org',
    });
    expect(form.status).toBe(200);
    const cases: Array<[unknown, string]> = [
      [{ email_address: 'nick@localhost', redirect_to: 'https://explorer.ooni.org' }, 'Invalid email address'],
      [{ email_address: 'nick@a.org', redirect_to: 'https://BOGUS.ooni.org' }, 'Invalid request'],
      [{ email_address: 'nick@a.org', redirect_to: 'https://explorer.ooni.org.evil.com' }, 'Invalid request'],
      [{ redirect_to: 'https://explorer.ooni.org' }, 'Invalid request'],
      [{ email_address: ['x@y.org'], redirect_to: 'https://explorer.ooni.org' }, 'Invalid request'],
      [[1, 2], 'Invalid request'],
    ];
    for (const [body, error] of cases) {
      const res = await post('/api/v1/user_register', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error });
    }
    const garbage = await fetch(`${url}/api/v1/user_register`, { method: 'POST', body: '{not json' });
    expect(garbage.status).toBe(400);
  });

  it('should answer the same for known and unknown accounts', async () => {
    const known = await post('/api/v1/user_register', {
      email_address: ADMIN,
      redirect_to: 'https://explorer.ooni.org',
    });
    const unknown = await post('/api/v1/user_register', {
      email_address: 'never-seen@example.org',
      redirect_to: 'https://explorer.ooni.org',
    });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(await known.text()).toBe(await unknown.text());
  });

  it('should log out with GET or POST /api/v1/user_logout by expiring the ooni cookie', async () => {
    const token = await registerAndLogin('logout-test@example.org');
    for (const res of [await get('/api/v1/user_logout', token), await post('/api/v1/user_logout', {}, token)]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.json()).toEqual({});
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(
        /^ooni=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=\/; HttpOnly; SameSite=Strict/,
      );
    }
    // Logged out callers may call it too (Explorer forgets its token first).
    expect((await get('/api/v1/user_logout')).status).toBe(200);
  });

  it('should reject tampered, expired, unsigned, foreign-key and wrong-audience tokens', async () => {
    const token = await registerAndLogin('jwt-test@example.org');
    const jwt = app.get(JwtService);
    const claims = jwt.decode<Record<string, unknown>>(token);
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const [header, , signature] = token.split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = {
      tampered: `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`,
      expired: jwt.sign({ ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }),
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'admin' })}.`,
      wrongKey: new JwtService({ secret: 'not-the-key' }).sign({ ...claims, role: 'admin' }),
      loginToken: jwt.sign({ ...claims, aud: 'register', role: 'admin' }),
    };
    for (const [kind, bad] of Object.entries(forged)) {
      const admin = await get(`/api/v1/get_account_role/${ADMIN}`, bad);
      expect({ kind, status: admin.status }).toEqual({ kind, status: 401 });
      expect({ kind, status: (await get('/api/v1/user_refresh_token', bad)).status }).toEqual({ kind, status: 401 });
      const meta = await get('/api/_/account_metadata', bad);
      expect({ kind, status: meta.status, body: await meta.json() }).toEqual({
        kind,
        status: 200,
        body: { logged_in: false, role: '' },
      });
    }
    // A session token is not a login-link token either.
    const login = await get(`/api/v1/user_login?k=${token}`);
    expect(login.status).toBe(401);
    expect(await login.json()).toEqual({ error: 'Invalid token type' });
    expect(await (await get('/api/v1/user_login?k=BOGUS')).json()).toEqual({ error: 'Invalid credentials' });
    expect((await get('/api/v1/user_login')).status).toBe(401);
  });

  it('should give every route of every method and path an auth decision, and open only the intended ones', async () => {
    const routes = discoverRoutes(app);
    const id = (r: RouteAuth): string => `${r.method} ${r.path}`;
    // Not only the API: probe submission, the bouncer, /health and the spool are routes too.
    expect(routes.map(id)).toEqual(
      expect.arrayContaining(['POST /report/:report_id', 'GET /health', 'POST /bouncer/net-tests']),
    );
    expect(routes.filter((r) => r.decision === undefined).map(id)).toEqual([]);

    // Data-changing routes that are public by design (probes, geolocation, registration).
    const publicWrites = [
      'POST /api/v1/register',
      'POST /api/v1/login',
      'POST /api/v1/check-in',
      'POST /api/_/check-in',
      'POST /api/v1/geolookup',
      'POST /api/v1/user_register',
      // Only expires the caller's own cookie.
      'POST /api/v1/user_logout',
      'POST /bouncer/net-tests',
      // What a probe runs for an OONI Run link: a read that carries the probe's metadata.
      'POST /api/v2/oonirun/links/:oonirun_link_id/engine-descriptor/:revision_number',
      'POST /report',
      'POST /report/:report_id',
      'POST /report/:report_id/close',
    ];
    const openWrites = routes.filter((r) => r.method !== 'GET' && r.decision?.kind !== 'roles');
    expect(openWrites.map(id).sort()).toEqual([...publicWrites].sort());
    const expectedAdmin = [
      'GET /api/v1/get_account_role/:email_address',
      'POST /api/v1/set_account_role',
      'POST /api/v1/set_session_expunge',
      'GET /api/_/quotas_summary',
      'GET /api/_/url-priorities/list',
      'POST /api/_/url-priorities/update',
      'POST /api/_/admin/run-job/:job',
      'GET /api/_/admin/jobs',
      // publish / unpublish a finding (any other action is 400)
      'POST /api/v1/incidents/:action',
    ];
    const guarded = routes.filter((r) => rolesOf(r));
    const adminOnly = guarded.filter((r) => !rolesOf(r)!.includes('user'));
    expect(adminOnly.map(id).sort()).toEqual([...expectedAdmin].sort());
    expect(
      routes
        .filter((r) => r.decision?.kind === 'optional-session')
        .map(id)
        .sort(),
    ).toEqual([
      'GET /api/_/account_metadata',
      'GET /api/_/measurement_feedback/:measurement_uid',
      // OONI Run links and findings show more (is_mine, own drafts) to their owners.
      'GET /api/_/ooni_run/fetch/:ooni_run_link_id',
      'GET /api/_/ooni_run/list',
      'GET /api/v1/incidents/search',
      'GET /api/v1/incidents/show/:incident_id',
      'GET /api/v2/oonirun/links',
      'GET /api/v2/oonirun/links/:oonirun_link_id',
      'GET /api/v2/oonirun/links/:oonirun_link_id/full-descriptor/:revision_number',
    ]);
    expect(
      routes
        .filter((r) => r.decision?.kind === 'probe-token')
        .map(id)
        .sort(),
    ).toEqual(['GET /api/v1/test-list/psiphon-config', 'GET /api/v1/test-list/tor-targets']);

    // The OpenAPI document shows each guarded route as needing a bearer token.
    const doc = buildOpenApiDocument(app);
    for (const r of guarded) {
      const op = (doc.paths[r.path.replace(/:(\w+)/g, '{$1}')] as Record<string, { security?: unknown[] }>)[
        r.method.toLowerCase()
      ];
      expect({ route: id(r), security: op?.security }).toEqual({ route: id(r), security: [{ bearer: [] }] });
    }

    const userToken = await registerAndLogin('plain-user@example.org');
    for (const r of guarded) {
      const target = `${url}${r.path.replace(/:(\w+)/g, 'x%40example.org')}`;
      const init = (token?: string): RequestInit => ({
        method: r.method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: r.method === 'GET' ? undefined : '{}',
      });
      const anonymous = await fetch(target, init());
      expect({ route: id(r), status: anonymous.status }).toEqual({ route: id(r), status: 401 });
      if (!rolesOf(r)!.includes('user')) {
        const asUser = await fetch(target, init(userToken));
        expect({ route: id(r), status: asUser.status }).toEqual({ route: id(r), status: 403 });
      }
    }
  });

  it('should ignore an expunged session on optional-session routes', async () => {
    const email = 'feedback-user@example.org';
    const token = await registerAndLogin(email);
    const adminToken = await registerAndLogin(ADMIN);
    const uid = '20240101000000.000000_IT_webconnectivity_0123456789abcdef';
    expect((await post('/api/_/measurement_feedback', { measurement_uid: uid, status: 'ok' }, token)).status).toBe(200);
    expect(await (await get(`/api/_/measurement_feedback/${uid}`, token)).json()).toEqual({
      summary: { ok: 1 },
      user_feedback: 'ok',
    });
    expect((await post('/api/v1/set_session_expunge', { email_address: email }, adminToken)).status).toBe(200);
    // The voided token counts as no token: the summary without the caller's own feedback.
    const after = await get(`/api/_/measurement_feedback/${uid}`, token);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ summary: { ok: 1 } });
  });

  it('should make the CLI fail clearly while the server owns the embedded database', async () => {
    const script = [
      "require('reflect-metadata');",
      "const { createAdminCommand } = require('./src/cli/create-admin.command');",
      "createAdminCommand().parseAsync(['second-admin@example.org'], { from: 'user' }).catch((err) => {",
      "  process.stderr.write('error: ' + err.message + '\\n'); process.exit(1); });",
    ].join('\n');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'test', OONI_VAR_DIR: varDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Only one process may own the data directory/);
    // Nothing changed: the account is still unknown.
    const adminToken = await registerAndLogin(ADMIN);
    expect((await get('/api/v1/get_account_role/second-admin@example.org', adminToken)).status).toBe(400);
  });
});
