import type { ClickHouseSettings } from '@clickhouse/client';
import type { ChdbConnection } from 'chdb/connection';
import { bindQueryParams, QueryParamError } from './params/bind-params';

type Conn = ChdbConnection;
type Params<K extends 'query' | 'exec' | 'command' | 'insert'> = Parameters<Conn[K]>[0];

// The parser's default limit (256 KiB) counts bound values too: raise it for a query that needs it.
const DEFAULT_MAX_QUERY_SIZE = 262_144;
// Values come from bounded requests (and chunked lookups): a larger query is a bug, not a workload.
const MAX_BOUND_QUERY = 16 * 1024 * 1024;

/** `params` with its `{name:Type}` placeholders bound into the SQL text, and no `query_params` left. */
function bound<P extends { query: string; query_params?: Record<string, unknown>; clickhouse_settings?: object }>(
  params: P,
): P {
  const values = params.query_params;
  if (!values || Object.keys(values).length === 0) return params;
  const query = bindQueryParams(params.query, values);
  if (query.length > MAX_BOUND_QUERY) {
    throw new QueryParamError(`bound query of ${query.length} characters is too large`);
  }
  const raise: ClickHouseSettings = { max_query_size: String(2 * query.length) };
  const settings =
    query.length > DEFAULT_MAX_QUERY_SIZE / 2
      ? { ...params.clickhouse_settings, ...raise }
      : params.clickhouse_settings;
  return { ...params, query, query_params: undefined, clickhouse_settings: settings };
}

/**
 * A `@clickhouse/client` connection over several chDB connections to the same data directory.
 *
 * chDB runs one query at a time per connection, and its Node binding runs every *parameterized*
 * query of the process through one queue (a libchdb parameter-state bug, see `globalParamChain` in
 * `chdb/index.js`). Here values are bound in the client ({@link bindQueryParams}) so no query takes
 * that queue, and queries of different requests run side by side, one per connection. Queries
 * wait for a free connection here, in order: a query sent to a busy connection would block a libuv
 * worker thread, which file I/O (the spool's fsync) needs too.
 */
export class ChdbPoolConnection {
  private readonly idle: Conn[];
  private readonly waiting: Array<(c: Conn) => void> = [];

  constructor(private readonly connections: Conn[]) {
    if (connections.length === 0) throw new Error('ChdbPoolConnection needs at least one connection');
    this.idle = [...connections];
  }

  private acquire(): Promise<Conn> {
    const c = this.idle.pop();
    return c ? Promise.resolve(c) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(c: Conn): void {
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }

  private async run<T>(call: (c: Conn) => Promise<T>): Promise<T> {
    const c = await this.acquire();
    try {
      return await call(c);
    } finally {
      this.release(c);
    }
  }

  query(params: Params<'query'>): ReturnType<Conn['query']> {
    return this.run((c) => c.query(bound(params)));
  }

  exec(params: Params<'exec'>): ReturnType<Conn['exec']> {
    return this.run((c) => c.exec(bound(params)));
  }

  command(params: Params<'command'>): ReturnType<Conn['command']> {
    return this.run((c) => c.command(bound(params)));
  }

  insert(params: Params<'insert'>): ReturnType<Conn['insert']> {
    return this.run((c) => c.insert(bound(params)));
  }

  ping(params: Parameters<Conn['ping']>[0]): ReturnType<Conn['ping']> {
    return this.run((c) => c.ping(params));
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
  }
}
