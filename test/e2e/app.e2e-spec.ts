import { startTestApp, TestApp } from '../helpers/test-app';

describe('Application (HTTP behaviour)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ http: { body_limit_bytes: 1024 * 1024 } });
  });
  afterAll(async () => t.close());

  it('should answer GET /health with 200 JSON when ClickHouse answers', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({ status: 'ok', clickhouse: 'ok' });
  });

  it('should serve robots.txt as cacheable text', async () => {
    const res = await fetch(`${t.url}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(res.headers.get('cache-control')).toBe('max-age=86400');
    expect(await res.text()).toContain('Disallow: /api/_');
  });

  it('should serve the Swagger UI and the OpenAPI JSON at the legacy URL', async () => {
    const ui = await fetch(`${t.url}/apidocs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
    const spec = await fetch(`${t.url}/apispec_1.json`);
    expect(spec.status).toBe(200);
    const doc = (await spec.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/health');
  });

  it('should answer an unknown route with 404 JSON', async () => {
    const res = await fetch(`${t.url}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('should answer a malformed JSON body with 400 JSON, whatever the content type', async () => {
    for (const contentType of ['application/json', 'text/plain', 'application/octet-stream']) {
      const res = await fetch(`${t.url}/health`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: '{"not": json',
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'Invalid JSON in request body' });
    }
  });

  it('should answer a body over the limit with 413 JSON and no stack trace', async () => {
    const res = await fetch(`${t.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/too large/i) });
    expect(text).not.toMatch(/at .*\.js/);
  });

  it('should keep answering after bad requests', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
  });
});

describe('Application (restarts)', () => {
  it('should start twice on the same data directory without re-running migrations', async () => {
    const first = await startTestApp({}, { keepVarDir: true });
    await first.clickhouse.insert({
      table: 'citizenlab',
      values: [{ domain: 'example.org', url: 'https://example.org/', cc: 'ZZ', category_code: 'NEWS' }],
      format: 'JSONEachRow',
    });
    await first.close();

    const second = await startTestApp({}, { varDir: first.varDir });
    try {
      const rs = await second.clickhouse.query({
        query: 'SELECT id, count() AS n FROM schema_migrations GROUP BY id ORDER BY id',
        format: 'JSONEachRow',
      });
      const ledger = await rs.json<{ id: string; n: number }>();
      expect(ledger.length).toBeGreaterThan(0);
      expect(ledger.every((row) => row.n === 1)).toBe(true);
      const kept = await second.clickhouse.query({
        query: 'SELECT count() AS n FROM citizenlab',
        format: 'JSONEachRow',
      });
      expect(await kept.json()).toEqual([{ n: 1 }]);
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
