import { ClickHouseClient, ClickHouseClientConfigOptions, ClickHouseSettings, createClient } from '@clickhouse/client';
import * as fs from 'node:fs';
import { AppConfig } from '../config/app-config';
import { ChdbPoolConnection } from './chdb-pool.connection';
import { stringifyInsertValue } from './json-lines';

export class ClickhouseUnavailableError extends Error {
  override readonly name = 'ClickhouseUnavailableError';
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClickhouseUnavailableError(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Settings of every query. 64-bit integers come back as JSON numbers from chDB and servers alike. */
function clickhouseSettings(config: AppConfig): ClickHouseSettings {
  return {
    max_execution_time: config.clickhouse.max_execution_time_s,
    output_format_json_quote_64bit_integers: 0,
  };
}

/** Inserts take pre-serialized rows (`JsonLines`) as well as objects. */
const INSERT_JSON = { parse: JSON.parse, stringify: stringifyInsertValue };

function createEmbedded(config: AppConfig): ClickHouseClient {
  // Loaded lazily: the native engine is only needed (and only loaded) in embedded mode.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/connection');
  const dir = config.clickhouse.path;
  fs.mkdirSync(dir, { recursive: true });
  let connection;
  try {
    // Client-side binding (see ChdbPoolConnection) lets queries run side by side on several
    // connections; without it every parameterized query waits in chDB's one process-wide queue.
    const { client_side_params: bindInClient, embedded_connections: n } = config.clickhouse;
    connection = bindInClient
      ? new ChdbPoolConnection(Array.from({ length: n }, () => createChdbConnection({ path: dir })))
      : createChdbConnection({ path: dir });
  } catch (err) {
    throw new ClickhouseUnavailableError(
      `cannot open embedded ClickHouse at ${dir}: ${(err as Error).message}. ` +
        'Only one process may own the data directory: is the server (or another CLI command) running? ' +
        'Stop it, or ask the running server to do the job (see README, "Operator CLI").',
    );
  }
  return createClient({
    // chdb is typed against @clickhouse/client-common, a twin of the client's bundled types.
    connection: connection as unknown as ClickHouseClientConfigOptions['connection'],
    clickhouse_settings: clickhouseSettings(config),
    json: INSERT_JSON,
  });
}

/**
 * Opens the configured ClickHouse: embedded chDB under `clickhouse.path` when
 * `clickhouse.url` is empty, otherwise an HTTP client. Fails fast (never hangs) when the
 * server cannot be reached.
 */
export async function createClickhouseClient(config: AppConfig): Promise<ClickHouseClient> {
  const ch = config.clickhouse;
  if (config.isEmbeddedClickhouse) return createEmbedded(config);
  const client = createClient({
    url: ch.url,
    username: ch.username,
    password: ch.password,
    database: ch.database,
    request_timeout: ch.request_timeout_ms,
    clickhouse_settings: clickhouseSettings(config),
    json: INSERT_JSON,
  });
  try {
    const ping = await withTimeout(client.ping(), ch.connect_timeout_ms, `ClickHouse at ${ch.url}`);
    if (!ping.success) throw ping.error;
  } catch (err) {
    await client.close();
    throw new ClickhouseUnavailableError(`ClickHouse at ${ch.url} is unreachable: ${(err as Error).message}`);
  }
  return client;
}
