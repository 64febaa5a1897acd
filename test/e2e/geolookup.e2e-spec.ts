import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigModule } from '../../src/common/config/config.module';
import { GeoipModule } from '../../src/common/geoip/geoip.module';
import { GeolookupController } from '../../src/modules/geolookup/geolookup.controller';
import { GeolookupModule } from '../../src/modules/geolookup/geolookup.module';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { listenTestingModule } from '../helpers/test-app';
import { testConfig } from '../helpers/test-config';

describe(GeolookupController.name, () => {
  let dir: string;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    dir = makeTempDir('ooni-geolookup-');
    // Its own GeoIP dir (not the shared test one), to see the first-start install.
    const config = testConfig(dir, { geoip: { dir: path.join(dir, 'geoip') } });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), GeoipModule, GeolookupModule],
    }).compile();
    let base: string;
    ({ app, url: base } = await listenTestingModule(moduleRef, config.http.body_limit_bytes));
    url = `${base}/api/v1/geolookup`;
  });
  afterAll(async () => {
    await app.close();
    removeDir(dir);
  });

  const post = (body: string, contentType = 'application/json'): Promise<Response> =>
    fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('should install the default databases on first start', () => {
    expect(fs.readdirSync(path.join(dir, 'geoip')).sort()).toEqual(['asn.mmdb', 'cc.mmdb']);
  });

  it('should geolocate every address like legacy, with nulls for unknown ones', async () => {
    const res = await post(JSON.stringify({ addresses: ['8.8.8.8', '2001:4860:4860::8888', '1.1.1.1', '10.0.0.1'] }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({
      geolocation: {
        '8.8.8.8': { cc: 'US', asn: 15169, as_name: 'Google LLC' },
        '2001:4860:4860::8888': { cc: 'US', asn: 15169, as_name: 'Google LLC' },
        '1.1.1.1': { cc: 'AU', asn: 13335, as_name: 'Cloudflare, Inc.' },
        '10.0.0.1': { cc: null, asn: null, as_name: null },
      },
      v: 1,
    });
  });

  it('should answer an empty list with an empty geolocation', async () => {
    const res = await post('{"addresses": []}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ geolocation: {}, v: 1 });
  });

  it('should parse the body as JSON whatever the content type, and ignore unknown fields', async () => {
    const res = await post('{"addresses": ["8.8.8.8"], "extra": 1}', 'text/plain');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      geolocation: { '8.8.8.8': { cc: 'US', asn: 15169, as_name: 'Google LLC' } },
      v: 1,
    });
  });

  it('should accept 1000 addresses', async () => {
    const addresses = Array.from({ length: 1000 }, (_, i) => `8.8.${i >> 8}.${i & 255}`);
    const res = await post(JSON.stringify({ addresses }));
    expect(res.status).toBe(200);
    expect(Object.keys(((await res.json()) as { geolocation: object }).geolocation)).toHaveLength(1000);
  });

  it.each([
    ['no body', ''],
    ['missing addresses', '{}'],
    ['null addresses', '{"addresses": null}'],
    ['addresses not an array', '{"addresses": "8.8.8.8"}'],
    ['addresses an object', '{"addresses": {"0": "8.8.8.8"}}'],
    ['an invalid IP', '{"addresses": ["8.8.8.8", "999.1.1.1"]}'],
    ['a hostname', '{"addresses": ["example.org"]}'],
    ['a non-string entry', '{"addresses": [134744072]}'],
    ['a nested list', '{"addresses": [["8.8.8.8"]]}'],
    ['a JSON array body', '["8.8.8.8"]'],
    ['a JSON string body', '"8.8.8.8"'],
    ['malformed JSON', '{"addresses": ['],
  ])('should answer 400 JSON for %s', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('should answer 400 JSON with a clear message for more than 1000 addresses', async () => {
    const res = await post(JSON.stringify({ addresses: Array.from({ length: 1001 }, () => '8.8.8.8') }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'at most 1000 addresses per request' });
  });

  it('should say what is wrong with the addresses', async () => {
    const check = async (body: string, error: string): Promise<void> => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error });
    };
    await check('{"addresses": ["8.8.8.8", "999.1.1.1"]}', 'invalid IP address: "999.1.1.1"');
    await check('{"addresses": "8.8.8.8"}', 'addresses must be an array of IP addresses');
    await check('{"addresses": null}', 'addresses is required');
  });
});
