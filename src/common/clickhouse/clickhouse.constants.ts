/** Injection token of the one `@clickhouse/client` instance (embedded chDB or a server). */
export const CLICKHOUSE = Symbol('CLICKHOUSE');
