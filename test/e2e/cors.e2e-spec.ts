import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { startTestApp, TestApp } from '../helpers/test-app';

const EXPLORER = 'https://explorer.ooni.org';
const LOCAL_EXPLORER = 'http://localhost:3100';
const STRANGER = 'https://evil.example.com';

describe('CORS (HTTP layer)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = t.app
      .get(SessionTokenService)
      .issue('cors-test-account', 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
  });
  afterAll(async () => t.close());

  it('should let any origin read a public route without credentials', async () => {
    for (const origin of [STRANGER, EXPLORER]) {
      const res = await fetch(`${t.url}/api/v1/measurements?limit=1`, { headers: { origin } });
      expect(res.status).toBe(200);
      const allowed = res.headers.get('access-control-allow-origin');
      expect(allowed === '*' || allowed === origin).toBe(true);
      expect(res.headers.get('vary')).toMatch(/origin/i);
    }
    const stranger = await fetch(`${t.url}/health`, { headers: { origin: STRANGER } });
    expect(stranger.headers.get('access-control-allow-origin')).toBe('*');
    expect(stranger.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('should allow credentials from the OONI sites and a local Explorer, reflecting the origin', async () => {
    for (const origin of [EXPLORER, 'https://test-lists.ooni.org', 'https://run.test.ooni.org', LOCAL_EXPLORER]) {
      const res = await fetch(`${t.url}/api/_/account_metadata`, {
        headers: { origin, authorization: `Bearer ${token}`, cookie: 'ooni=whatever' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ logged_in: true, role: 'user' });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('should never grant credentials to an origin outside the list', async () => {
    for (const origin of [
      STRANGER,
      'https://explorer.ooni.org.evil.example.com',
      'https://evilooni.org',
      'http://explorer.ooni.org', // plain http
      'https://a.b.explorer.ooni.org.example', // suffix tricks
      'null',
    ]) {
      const res = await fetch(`${t.url}/api/_/account_metadata`, {
        headers: { origin, authorization: `Bearer ${token}` },
      });
      expect({ origin, acao: res.headers.get('access-control-allow-origin') }).toEqual({ origin, acao: '*' });
      expect({ origin, acac: res.headers.get('access-control-allow-credentials') }).toEqual({ origin, acac: null });
    }
  });

  it('should answer a preflight for every route with the methods and headers the clients send', async () => {
    for (const [path, method] of [
      ['/api/_/account_metadata', 'GET'],
      ['/api/_/measurement_feedback', 'POST'],
      ['/api/v1/incidents/update', 'POST'],
      ['/api/v2/oonirun/links/1', 'PUT'],
      ['/api/v1/no-such-route', 'DELETE'],
    ]) {
      const res = await fetch(`${t.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: EXPLORER,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect({ path, status: res.status }).toEqual({ path, status: 204 });
      expect(res.headers.get('access-control-allow-origin')).toBe(EXPLORER);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-methods')?.split(/,\s*/)).toContain(method);
      const headers = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
      expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type']));
      expect(Number(res.headers.get('access-control-max-age'))).toBe(t.config.http.cors.max_age_s);
    }
  });

  it('should answer a preflight from an unlisted origin without credentials or the Authorization header', async () => {
    const res = await fetch(`${t.url}/api/_/account_metadata`, {
      method: 'OPTIONS',
      headers: {
        origin: STRANGER,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const headers = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(headers).toContain('content-type');
    expect(headers).not.toContain('authorization');
  });

  it('should answer a preflight before the quota guard (never metered)', async () => {
    // The quota guard marks every metered answer with X-RateLimit-Remaining.
    const metered = await fetch(`${t.url}/api/v1/measurements?limit=1`, { headers: { origin: EXPLORER } });
    expect(metered.headers.get('x-ratelimit-remaining')).not.toBeNull();
    const preflight = await fetch(`${t.url}/api/v1/measurements`, {
      method: 'OPTIONS',
      headers: { origin: EXPLORER, 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('x-ratelimit-remaining')).toBeNull();
  });

  it('should answer a bare OPTIONS (no Origin) with 204, not a text error', async () => {
    const res = await fetch(`${t.url}/api/v1/measurements`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
  });

  it('should put the CORS headers on error answers too', async () => {
    const res = await fetch(`${t.url}/api/v1/measurements?limit=-5`, { headers: { origin: EXPLORER } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toEqual({ error: expect.any(String) });
    expect(res.headers.get('access-control-allow-origin')).toBe(EXPLORER);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });
});
