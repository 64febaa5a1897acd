import { DEFAULT_LIBUV_THREADS, sizeLibuvThreadpool } from '../../../src/common/clickhouse/libuv-threadpool';

describe('sizeLibuvThreadpool', () => {
  it('should size the pool beyond the embedded connections plus file I/O when unset', () => {
    const env: NodeJS.ProcessEnv = {};
    sizeLibuvThreadpool(env);
    expect(Number(env.UV_THREADPOOL_SIZE)).toBe(DEFAULT_LIBUV_THREADS);
    expect(DEFAULT_LIBUV_THREADS).toBeGreaterThanOrEqual(4 + 4);
  });

  it('should keep a size the operator set', () => {
    const env: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '3' };
    sizeLibuvThreadpool(env);
    expect(env.UV_THREADPOOL_SIZE).toBe('3');
  });
});
