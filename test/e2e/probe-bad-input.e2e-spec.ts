import { compress, init } from '@bokuweb/zstd-wasm';
import { gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../helpers/test-app';

const RID = '20240101T000000Z_webconnectivity_IT_3269_n1_abcdefghijklmnop';
const GOOD = JSON.stringify({
  format: 'json',
  content: { test_name: 'web_connectivity', input: 'https://example.org/' },
});

describe('Probe services: bad input is always a 4xx JSON error', () => {
  let t: TestApp;

  beforeAll(async () => {
    await init();
    t = await startTestApp({ http: { max_decoded_body_bytes: 2 * 1024 * 1024, body_limit_bytes: 4 * 1024 * 1024 } });
  });
  afterAll(async () => t.close());

  async function expectJsonError(res: Response, status: number): Promise<void> {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error?: unknown };
    expect(typeof body.error).toBe('string');
  }

  const submit = (body: string | Buffer, headers: Record<string, string> = {}, rid = RID): Promise<Response> =>
    fetch(`${t.url}/report/${rid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it.each([
    ['malformed JSON', '{"format":"json","content":{'],
    ['a JSON array', '[]'],
    ['no content', '{"format":"json"}'],
    ['an empty body', ''],
    ['an unknown format', '{"format":"pdf","content":{}}'],
    ['unterminated deep nesting', `{"format":"json","content":${'{"a":'.repeat(100000)}1`],
  ])('should reject a submission with %s with 400', async (_label, body) => {
    await expectJsonError(await submit(body), 400);
  });

  it.each([
    'bogus',
    '20240101T000000Z_webconnectivity_ITA_3269_n1_x',
    '20240101T000000Z_w_IT_3269_n1_x',
    '20240101T000000Z_webconnectivity_IT_AS3269_n1_x',
    '20240101T000000Z_web%20connectivity_IT_3269_n1_x',
    `20240101T000000Z_${'x'.repeat(60)}_IT_1_n1_x`,
  ])('should reject report id %s with 400 "Incorrect format"', async (rid) => {
    const res = await submit(GOOD, {}, rid);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Incorrect format' });
  });

  it('should refuse over-long report ids in the URL with a 4xx JSON error', async () => {
    await expectJsonError(await submit(GOOD, {}, `20240101T000000Z_${'x'.repeat(300)}_IT_1_n1_x`), 414);
  });

  it('should accept well-formed but deeply nested content without crashing', async () => {
    const deep = `{"format":"json","content":{"x":${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}}}`;
    expect((await submit(deep)).status).toBe(200);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });

  it('should reject an unknown content encoding with 415', async () => {
    await expectJsonError(await submit(GOOD, { 'content-encoding': 'br' }), 415);
  });

  it('should reject truncated zstd and broken gzip with 400', async () => {
    const z = Buffer.from(compress(Buffer.from(GOOD), 3));
    await expectJsonError(await submit(z.subarray(0, z.length - 5), { 'content-encoding': 'zstd' }), 400);
    await expectJsonError(await submit(Buffer.from('garbage'), { 'content-encoding': 'gzip' }), 400);
  });

  it('should reject decompression bombs with 413', async () => {
    const bomb = Buffer.alloc(64 * 1024 * 1024, 0x20);
    await expectJsonError(await submit(Buffer.from(compress(bomb, 3)), { 'content-encoding': 'zstd' }), 413);
    await expectJsonError(await submit(gzipSync(bomb), { 'content-encoding': 'gzip' }), 413);
  });

  it('should reject a body over the limit with 413 and keep serving', async () => {
    await expectJsonError(await submit(Buffer.alloc(5 * 1024 * 1024, 0x20)), 413);
    expect((await submit(GOOD)).status).toBe(200);
  });

  it('should reject bad check-in bodies with 400', async () => {
    const checkIn = (body: string): Promise<Response> =>
      fetch(`${t.url}/api/v1/check-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await expectJsonError(await checkIn('[1,2]'), 400);
    await expectJsonError(await checkIn('{"web_connectivity":{"category_codes":["NEWS","N3WS"]}}'), 400);
    await expectJsonError(await checkIn('{"web_connectivity":{"category_codes":["DROP TABLE"]}}'), 400);
    await expectJsonError(await checkIn('{"web_connectivity":{"category_codes":{"a":1}}}'), 400);
    const huge = JSON.stringify({ web_connectivity: { category_codes: Array.from({ length: 100000 }, () => 'NEWS') } });
    await expectJsonError(await checkIn(huge), 400);
    expect((await checkIn('{"probe_cc": 42, "probe_asn": ["x"], "charging": "yes"}')).status).toBe(200);
  });

  it('should reject malformed open-report and login bodies with 400', async () => {
    const res = await fetch(`${t.url}/report`, { method: 'POST', body: '"just a string"' });
    await expectJsonError(res, 400);
    for (const testName of ["web'connectivity", 'web connectivity', '../x', 'x', undefined]) {
      const open = await fetch(`${t.url}/report`, {
        method: 'POST',
        body: JSON.stringify({ probe_cc: 'IT', probe_asn: 'AS3269', test_name: testName }),
      });
      await expectJsonError(open, 400);
    }
    const login = await fetch(`${t.url}/api/v1/login`, { method: 'POST', body: '{"username": ' });
    await expectJsonError(login, 400);
  });
});
