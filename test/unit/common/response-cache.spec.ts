import { ResponseCache } from '../../../src/common/cache/response-cache.service';
import { testConfig } from '../../helpers/test-config';

const cacheWith = (enabled: boolean, maxEntries = 10, maxBytes = 1_000_000): ResponseCache =>
  new ResponseCache(
    testConfig('/nonexistent', { response_cache: { enabled, max_entries: maxEntries, max_bytes: maxBytes } }),
  );

describe(ResponseCache.name, () => {
  afterEach(() => jest.useRealTimers());

  it('should compute once and answer from the cache until the lifetime ends', async () => {
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z') });
    const cache = cacheWith(true);
    let calls = 0;
    const compute = (): Promise<number> => Promise.resolve(++calls);
    expect(await cache.getOrCompute('k', 60, compute)).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:00:59Z'));
    expect(await cache.getOrCompute('k', 60, compute)).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:01:01Z'));
    expect(await cache.getOrCompute('k', 60, compute)).toBe(2);
    expect(await cache.getOrCompute('other', 60, compute)).toBe(3);
  });

  it('should share one computation between concurrent misses of a key', async () => {
    const cache = cacheWith(true);
    let calls = 0;
    let release!: (v: string) => void;
    const compute = (): Promise<string> => {
      calls++;
      return new Promise((resolve) => (release = resolve));
    };
    const a = cache.getOrCompute('k', 60, compute);
    const b = cache.getOrCompute('k', 60, compute);
    release('answer');
    expect(await Promise.all([a, b])).toEqual(['answer', 'answer']);
    expect(calls).toBe(1);
  });

  it('should not keep failures, zero lifetimes, or anything when disabled', async () => {
    const cache = cacheWith(true);
    await expect(cache.getOrCompute('k', 60, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.getOrCompute('k', 60, () => Promise.resolve('ok'))).toBe('ok');
    let n = 0;
    await cache.getOrCompute('zero', 0, () => Promise.resolve(++n));
    expect(await cache.getOrCompute('zero', 0, () => Promise.resolve(++n))).toBe(2);
    const off = cacheWith(false);
    await off.getOrCompute('k', 60, () => Promise.resolve(1));
    expect(await off.getOrCompute('k', 60, () => Promise.resolve(2))).toBe(2);
  });

  it('should drop the least recently used answer beyond max_entries', async () => {
    const cache = cacheWith(true, 2);
    await cache.getOrCompute('a', 60, () => Promise.resolve('a1'));
    await cache.getOrCompute('b', 60, () => Promise.resolve('b1'));
    await cache.getOrCompute('a', 60, () => Promise.resolve('a2'));
    await cache.getOrCompute('c', 60, () => Promise.resolve('c1'));
    expect(await cache.getOrCompute('a', 60, () => Promise.resolve('a3'))).toBe('a1');
    expect(await cache.getOrCompute('b', 60, () => Promise.resolve('b2'))).toBe('b2');
  });

  it('should bound the total size of the answers it keeps', async () => {
    const cache = cacheWith(true, 100, 250);
    const big = (tag: string): Promise<string> => Promise.resolve(tag.repeat(100));
    await cache.getOrCompute('a', 60, () => big('a'));
    await cache.getOrCompute('b', 60, () => big('b'));
    await cache.getOrCompute('c', 60, () => big('c'));
    expect(await cache.getOrCompute('a', 60, () => big('A'))).toBe('A'.repeat(100));
    expect(await cache.getOrCompute('c', 60, () => big('C'))).toBe('c'.repeat(100));
    await cache.getOrCompute('huge', 60, () => Promise.resolve('x'.repeat(1000)));
    expect(await cache.getOrCompute('huge', 60, () => Promise.resolve('again'))).toBe('again');
  });
});
