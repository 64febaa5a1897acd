import { TtlCache } from '../../../src/common/cache/ttl-cache';

/** A computation the test resolves or rejects by hand, counting how often it was started. */
function deferred<T>(): {
  compute: () => Promise<T>;
  resolve: (v: T) => void;
  reject: (e: Error) => void;
  calls: () => number;
} {
  let calls = 0;
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  return {
    compute: () => {
      calls++;
      return new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
    },
    resolve: (v) => resolve(v),
    reject: (e) => reject(e),
    calls: () => calls,
  };
}

describe(TtlCache.name, () => {
  afterEach(() => jest.useRealTimers());

  it('should keep a value for its lifetime on the wall clock, then compute it again', async () => {
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z') });
    const cache = new TtlCache<number>({ ttlMs: 30_000, maxEntries: 10 });
    let n = 0;
    const compute = (): Promise<number> => Promise.resolve(++n);
    expect(await cache.get('IT/30722', compute)).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:00:29Z'));
    expect(await cache.get('IT/30722', compute)).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:00:31Z'));
    expect(await cache.get('IT/30722', compute)).toBe(2);
    // A lifetime given to get wins over the default.
    expect(await cache.get('DE/3320', compute, 1000)).toBe(3);
    jest.setSystemTime(new Date('2024-01-01T00:00:33Z'));
    expect(await cache.get('DE/3320', compute)).toBe(4);
  });

  it('should share one computation between concurrent misses of a key', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    const d = deferred<string>();
    const a = cache.get('k', d.compute);
    const b = cache.get('k', d.compute);
    d.resolve('rows');
    expect(await Promise.all([a, b])).toEqual(['rows', 'rows']);
    expect(d.calls()).toBe(1);
  });

  it('should not keep a failure', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('should keep nothing with a zero lifetime', async () => {
    const cache = new TtlCache<number>({ ttlMs: 0, maxEntries: 10 });
    let n = 0;
    await cache.get('k', () => Promise.resolve(++n));
    expect(await cache.get('k', () => Promise.resolve(++n))).toBe(2);
  });

  it('should answer a computation whose key was deleted meanwhile, without keeping its stale value', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 10 });
    const d = deferred<string>();
    const pending = cache.get('link', d.compute);
    cache.delete('link');
    d.resolve('revision 1');
    expect(await pending).toBe('revision 1');
    expect(await cache.get('link', () => Promise.resolve('revision 2'))).toBe('revision 2');
  });

  it('should bound the total size and skip a value larger than the bound', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, maxEntries: 100, maxSize: 250, sizeOf: (s) => s.length });
    await cache.get('a', () => Promise.resolve('a'.repeat(100)));
    await cache.get('b', () => Promise.resolve('b'.repeat(100)));
    await cache.get('c', () => Promise.resolve('c'.repeat(100)));
    expect(await cache.get('a', () => Promise.resolve('evicted'))).toBe('evicted');
    expect(await cache.get('c', () => Promise.resolve('recomputed'))).toBe('c'.repeat(100));
    await cache.get('huge', () => Promise.resolve('x'.repeat(1000)));
    expect(await cache.get('huge', () => Promise.resolve('again'))).toBe('again');
  });

  it('should keep a value for the lifetime read from it, and not keep one whose lifetime is 0', async () => {
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z') });
    const cache = new TtlCache<{ answer: number; keepMs: number }>({ ttlMs: 0, maxEntries: 10 });
    let n = 0;
    const compute = (keepMs: number) => () => Promise.resolve({ answer: ++n, keepMs });
    const lifetime = (v: { keepMs: number }): number => v.keepMs;
    expect((await cache.get('short', compute(5000), lifetime)).answer).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:00:04Z'));
    expect((await cache.get('short', compute(5000), lifetime)).answer).toBe(1);
    jest.setSystemTime(new Date('2024-01-01T00:00:06Z'));
    expect((await cache.get('short', compute(5000), lifetime)).answer).toBe(2);
    expect((await cache.get('never', compute(0), lifetime)).answer).toBe(3);
    expect((await cache.get('never', compute(0), lifetime)).answer).toBe(4);
  });

  it('should answer every concurrent asker of a value it does not keep', async () => {
    const cache = new TtlCache<string>({ ttlMs: 0, maxEntries: 10 });
    const d = deferred<string>();
    const a = cache.get('k', d.compute, () => 0);
    const b = cache.get('k', d.compute, () => 0);
    d.resolve('no-store');
    expect(await Promise.all([a, b])).toEqual(['no-store', 'no-store']);
    expect(d.calls()).toBe(1);
    expect(
      await cache.get(
        'k',
        () => Promise.resolve('again'),
        () => 60_000,
      ),
    ).toBe('again');
  });
});
