import { ResponseCache } from '../../../src/common/cache/response-cache.service';
import { defaultTestConfig } from '../../helpers/test-config';

describe(ResponseCache.name, () => {
  const cache = (): ResponseCache => new ResponseCache(defaultTestConfig());

  it('should keep serving the old answer while a refresh computes, then the new one', async () => {
    const c = cache();
    await c.getOrCompute('k', 60, () => Promise.resolve('old'));
    let release!: (v: string) => void;
    const refreshing = c.refresh('k', 60, () => new Promise<string>((resolve) => (release = resolve)));
    expect(await c.getOrCompute('k', 60, () => Promise.resolve('computed'))).toBe('old');
    release('new');
    await refreshing;
    expect(await c.getOrCompute('k', 60, () => Promise.resolve('computed'))).toBe('new');
  });

  it('should let requests share a refresh when nothing is cached yet', async () => {
    const c = cache();
    let calls = 0;
    let release!: (v: string) => void;
    const refreshing = c.refresh('k', 60, () => {
      calls++;
      return new Promise<string>((resolve) => (release = resolve));
    });
    const asked = c.getOrCompute('k', 60, () => Promise.resolve('computed'));
    release('warm');
    await refreshing;
    expect(await asked).toBe('warm');
    expect(calls).toBe(1);
  });

  it('should leave the cache as it was when the refresh fails', async () => {
    const c = cache();
    await c.getOrCompute('k', 60, () => Promise.resolve('old'));
    await expect(c.refresh('k', 60, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await c.getOrCompute('k', 60, () => Promise.resolve('computed'))).toBe('old');
  });
});
