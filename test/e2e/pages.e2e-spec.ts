import { startTestApp, TestApp } from '../helpers/test-app';

const EXPLORER = 'https://explorer.example.org';

describe('Legacy pages (landing, robots.txt, redirects)', () => {
  let t: TestApp;
  const get = (path: string): Promise<Response> => fetch(`${t.url}${path}`, { redirect: 'manual' });

  beforeAll(async () => {
    // A trailing slash in the configured URL must not double up in redirects.
    t = await startTestApp({ explorer_url: `${EXPLORER}/` });
  });
  afterAll(async () => t.close());

  it('should serve a landing page at / that links to the API docs', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('max-age=86400');
    const html = await res.text();
    expect(html).toContain('href="/apidocs"');
    expect(html).toMatch(/<title>OONI API<\/title>/);
  });

  it('should serve the legacy robots.txt', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await res.text()).split('\n');
    for (const path of ['/api/_', '/api/v1/aggregation', '/api/v1/raw_measurement', '/files', '/stats']) {
      expect(lines).toContain(`Disallow: ${path}`);
    }
    expect(lines).toContain('Crawl-delay: 300');
  });

  it('should send /api/ to the API docs', async () => {
    const res = await get('/api/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/apidocs');
  });

  it.each([
    ['/stats', EXPLORER],
    ['/files', `${EXPLORER}/search`],
    ['/files/by_date', `${EXPLORER}/search`],
    ['/files/by_country', `${EXPLORER}/search`],
    ['/files/download/2017-01-01-whatever.json', `${EXPLORER}/search`],
    ['/files/by_date/2020-02-28', `${EXPLORER}/search?until=2020-02-29&since=2020-02-28`],
    ['/files/by_date/2020-12-31', `${EXPLORER}/search?until=2021-01-01&since=2020-12-31`],
    ['/files/by_country/it', `${EXPLORER}/search?probe_cc=IT`],
  ])('should move %s permanently to Explorer', async (path, location) => {
    const res = await get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
  });

  it.each([
    ['/files/by_date/2020-13-01', 'Invalid date format'],
    ['/files/by_date/2021-02-29', 'Invalid date format'],
    ['/files/by_date/yesterday', 'Invalid date format'],
    ["/files/by_date/2020-01-01'%20OR%201=1", 'Invalid date format'],
    ['/files/by_country/ITA', 'Country code must be two characters'],
    ['/files/by_country/%3Cs', 'Country code must be two characters'],
  ])('should answer a bad %s with 400 JSON', async (path, error) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error });
  });
});
