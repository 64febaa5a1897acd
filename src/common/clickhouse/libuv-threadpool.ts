/**
 * Each running chDB query holds a libuv worker thread (embedded ClickHouse, up to
 * `clickhouse.embedded_connections` at once); with libuv's default of 4 threads, busy
 * connections would stall every file operation (the spool's fsync) behind them. libuv reads
 * `UV_THREADPOOL_SIZE` once, at its first use of the pool, which loading the application's
 * modules already does: entry points import this module first. An operator's value is kept.
 */
export const DEFAULT_LIBUV_THREADS = 16;

export function sizeLibuvThreadpool(env: NodeJS.ProcessEnv = process.env): void {
  env.UV_THREADPOOL_SIZE ??= String(DEFAULT_LIBUV_THREADS);
}

sizeLibuvThreadpool();
