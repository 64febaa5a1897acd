import { sizeLibuvThreadpool } from '../../../src/common/clickhouse/libuv-threadpool';
import { loadConfig } from '../../../src/common/config/load-config';

const config = (clickhouse: Record<string, unknown>) =>
  loadConfig({ env: { NODE_ENV: 'test' }, overrides: { clickhouse } });

describe('sizeLibuvThreadpool', () => {
  const saved = process.env.UV_THREADPOOL_SIZE;
  beforeEach(() => {
    delete process.env.UV_THREADPOOL_SIZE;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.UV_THREADPOOL_SIZE;
    else process.env.UV_THREADPOOL_SIZE = saved;
  });

  it('should leave four threads for file I/O next to the embedded connections', () => {
    sizeLibuvThreadpool(config({ embedded_connections: 6 }));
    expect(process.env.UV_THREADPOOL_SIZE).toBe('10');
  });

  it('should keep a size the operator set', () => {
    process.env.UV_THREADPOOL_SIZE = '3';
    sizeLibuvThreadpool(config({ embedded_connections: 6 }));
    expect(process.env.UV_THREADPOOL_SIZE).toBe('3');
  });

  it('should change nothing for a ClickHouse server or without client-side binding', () => {
    sizeLibuvThreadpool(config({ url: 'http://localhost:8123' }));
    sizeLibuvThreadpool(config({ client_side_params: false }));
    expect(process.env.UV_THREADPOOL_SIZE).toBeUndefined();
  });
});
