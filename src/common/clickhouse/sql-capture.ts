import { ClickHouseClient } from '@clickhouse/client';

/** One statement a repository sent: SQL text and parameters, or an INSERT's table and rows. */
export type CapturedSql =
  | { kind: 'query'; sql: string; params: Record<string, unknown> }
  | { kind: 'insert'; table: string; format: string; values: unknown };

type Method = 'query' | 'command' | 'exec' | 'insert';
type AnyCall = (params: SentParams) => Promise<unknown>;

interface SentParams {
  query?: string;
  query_params?: Record<string, unknown>;
  table?: string;
  format?: string;
  values?: unknown;
}

function capture(method: Method, params: SentParams): CapturedSql {
  if (method === 'insert') {
    return { kind: 'insert', table: params.table ?? '', format: params.format ?? '', values: params.values };
  }
  return { kind: 'query', sql: params.query ?? '', params: params.query_params ?? {} };
}

/**
 * Records every statement sent through `client` (still executing it) until `restore()`.
 * `npm run sync:sql` uses it to render each repository method's SQL.
 */
export function captureSql(client: ClickHouseClient): { statements: CapturedSql[]; restore: () => void } {
  const statements: CapturedSql[] = [];
  const methods: Method[] = ['query', 'command', 'exec', 'insert'];
  for (const method of methods) {
    const original = (Reflect.get(client, method) as AnyCall).bind(client);
    Object.defineProperty(client, method, {
      configurable: true,
      writable: true,
      value: (params: SentParams) => {
        statements.push(capture(method, params));
        return original(params);
      },
    });
  }
  const restore = (): void => {
    for (const method of methods) Reflect.deleteProperty(client, method);
  };
  return { statements, restore };
}
