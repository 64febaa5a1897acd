import { FastifyRequest } from 'fastify';
import { ResponseCache } from '../../../src/common/cache/response-cache.service';
import { cappedByCacheControl, resolveTtl } from '../../../src/common/cache/server-cache-ttl';
import { searchCacheTtl } from '../../../src/modules/measurements/measurements.controller';
import { defaultTestConfig } from '../../helpers/test-config';

const request = (userAgent?: string): FastifyRequest =>
  ({ headers: userAgent === undefined ? {} : { 'user-agent': userAgent } }) as FastifyRequest;

describe('server cache lifetime', () => {
  afterEach(() => jest.useRealTimers());

  it('should read a lifetime from config per request, or take a fixed one', () => {
    const config = defaultTestConfig({ response_cache: { search_s: 45, aggregation_s: 120 } });
    expect(resolveTtl((c) => c.response_cache.aggregation_s, config, request())).toBe(120);
    expect(resolveTtl(searchCacheTtl, config, request('Mozilla/5.0'))).toBe(45);
    expect(resolveTtl(3600, config, request())).toBe(3600);
  });

  it('should not cache searches of old Android probes, nor any search when config says 0', () => {
    const on = defaultTestConfig({ response_cache: { search_s: 60 } });
    expect(resolveTtl(searchCacheTtl, on, request('okhttp/3.12.1'))).toBe(0);
    const off = defaultTestConfig({ response_cache: { search_s: 0 } });
    expect(resolveTtl(searchCacheTtl, off, request('Mozilla/5.0'))).toBe(0);
  });

  it("should cap the lifetime by the answer's own Cache-Control", () => {
    expect(cappedByCacheControl(60, 'max-age=300')).toBe(60);
    expect(cappedByCacheControl(3600, 'max-age=300')).toBe(300);
    expect(cappedByCacheControl(3600, 'public, max-age=86400')).toBe(3600);
    expect(cappedByCacheControl(600, 'max-age=30, must-revalidate')).toBe(30);
    expect(cappedByCacheControl(600, 's-maxage=30')).toBe(600);
    expect(cappedByCacheControl(600, undefined)).toBe(600);
  });

  it('should keep nothing whose Cache-Control forbids it', () => {
    expect(cappedByCacheControl(60, 'no-cache')).toBe(0);
    expect(cappedByCacheControl(60, 'private, no-store')).toBe(0);
    expect(cappedByCacheControl(60, 'max-age=0')).toBe(0);
  });

  it('should keep a response cache entry for the lifetime read from the answer, 0 meaning not cached', async () => {
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z') });
    const cache = new ResponseCache(defaultTestConfig({ response_cache: { enabled: true } }));
    let n = 0;
    const answer = (cacheControl: string) => () => Promise.resolve({ n: ++n, cacheControl });
    const keptFor = (a: { cacheControl: string }): number => cappedByCacheControl(60, a.cacheControl);
    expect((await cache.getOrCompute('mat', keptFor, answer('max-age=30'))).n).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:00:29Z'));
    expect((await cache.getOrCompute('mat', keptFor, answer('max-age=30'))).n).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:00:31Z'));
    expect((await cache.getOrCompute('mat', keptFor, answer('max-age=30'))).n).toBe(2);
    expect((await cache.getOrCompute('okhttp', keptFor, answer('no-cache'))).n).toBe(3);
    expect((await cache.getOrCompute('okhttp', keptFor, answer('no-cache'))).n).toBe(4);
  });
});
