import { AppConfig } from '../config/app-config';

/** Threads left for file I/O (spool fsync, bucket reads) while every chDB connection runs a query. */
const IO_THREADS = 4;

/**
 * Each running chDB query holds a libuv worker thread; with the default 4 threads, 4 busy
 * connections would stall every file operation behind them. Sizes the pool for the embedded
 * connections plus {@link IO_THREADS}, unless `UV_THREADPOOL_SIZE` is set. libuv reads the
 * variable once, at its first use of the pool: call this before any asynchronous I/O.
 */
export function sizeLibuvThreadpool(config: AppConfig): void {
  if (!config.isEmbeddedClickhouse || !config.clickhouse.client_side_params) return;
  process.env.UV_THREADPOOL_SIZE ??= String(config.clickhouse.embedded_connections + IO_THREADS);
}
