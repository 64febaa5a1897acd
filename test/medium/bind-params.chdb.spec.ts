import { ClickHouseClient } from '@clickhouse/client';
import { createClickhouseClient } from '../../src/common/clickhouse/create-clickhouse-client';
import { QueryParamError } from '../../src/common/clickhouse/params/bind-params';
import { seededRandom } from '../helpers/seeded-random';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { testConfig } from '../helpers/test-config';

// Characters that matter to a string literal, plus any code point (astral ones as surrogate pairs).
const NASTY = ["'", '\\', '"', '`', '\0', '\n', '\r', '\t', '\x1b', '\x7f', '{', '}', ':', ';', '--', '/*', '?', '%'];

function randomString(next: () => number): string {
  const length = Math.floor(next() * 40);
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = next();
    if (r < 0.4) s += NASTY[Math.floor(next() * NASTY.length)];
    else if (r < 0.7) s += String.fromCharCode(32 + Math.floor(next() * 95));
    else {
      let cp = Math.floor(next() * 0x10ffff);
      if (cp >= 0xd800 && cp <= 0xdfff) cp -= 0x800;
      s += String.fromCodePoint(cp);
    }
  }
  return s;
}

async function selectOne<T>(client: ClickHouseClient, query: string, params: Record<string, unknown>): Promise<T> {
  const rs = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return (await rs.json<T>())[0];
}

describe('client-side parameter binding on embedded chDB', () => {
  let dir: string;
  let client: ClickHouseClient;
  let serverSide: ClickHouseClient;

  beforeAll(async () => {
    dir = makeTempDir();
    client = await createClickhouseClient(testConfig(dir, { clickhouse: { client_side_params: true } }));
    // The chDB binding's own (server-side) path on the same data directory: the reference semantics.
    serverSide = await createClickhouseClient(testConfig(dir, { clickhouse: { client_side_params: false } }));
  });
  afterAll(async () => {
    await client.close();
    await serverSide.close();
    removeDir(dir);
  });

  it('should round-trip many random hostile strings through SELECT {s:String}', async () => {
    const seed = 20261202;
    const next = seededRandom(seed);
    const strings = Array.from({ length: 1500 }, () => randomString(next));
    for (const s of strings.slice(0, 300)) {
      const row = await selectOne<{ v: string }>(client, 'SELECT {s:String} AS v', { s });
      expect({ seed, v: row.v }).toEqual({ seed, v: s });
    }
    for (let i = 0; i < strings.length; i += 100) {
      const chunk = strings.slice(i, i + 100);
      const row = await selectOne<{ v: string[] }>(client, 'SELECT {a:Array(String)} AS v', { a: chunk });
      expect(row.v).toEqual(chunk);
    }
  });

  it('should give the same values and types as the server-side binding for every type the project uses', async () => {
    const cases: Array<[string, unknown]> = [
      ['String', "it's a \\ test\n{x:String}"],
      ['FixedString(32)', 'a'.repeat(32)],
      ['FixedString(32)', 'short'],
      ['UInt8', 255],
      ['UInt32', 4294967295],
      ['UInt64', '18446744073709551615'],
      ['Int32', -2147483648],
      ['Bool', true],
      ['DateTime', '2024-01-02 03:04:05'],
      ['Array(String)', ["'; DROP TABLE fastpath; --", '']],
      ['Array(Int32)', [-1, 0, 2147483647]],
      ['Array(UInt32)', [0, 4294967295]],
      ['Array(FixedString(2))', ['IT', 'D']],
      ['Array(String)', []],
    ];
    for (const [type, value] of cases) {
      // The placeholder's declared type is what this test varies (types from the list above).
      // eslint-disable-next-line no-restricted-syntax
      const query = `SELECT {v:${type}} AS v, toTypeName({v:${type}}) AS t`;
      const mine = await selectOne(client, query, { v: value });
      const reference = await selectOne(serverSide, query, { v: value });
      expect({ type, ...(mine as object) }).toEqual({ type, ...(reference as object) });
    }
  });

  it('should name exactly the table a hostile identifier spells', async () => {
    const t = ".inner_id.x`'; DROP TABLE y; --\\";
    await client.command({ query: 'CREATE TABLE {t:Identifier} (n UInt8) ENGINE = Memory', query_params: { t } });
    await client.command({ query: 'INSERT INTO {t:Identifier} VALUES (7)', query_params: { t } });
    const row = await selectOne(client, 'SELECT sum(n) AS s, {t:String} AS name FROM {t:Identifier}', { t });
    expect(row).toEqual({ s: 7, name: t });
    const tables = await selectOne<{ n: number }>(
      client,
      'SELECT count() AS n FROM system.tables WHERE name = {t:String}',
      {
        t,
      },
    );
    expect(tables.n).toBe(1);
  });

  it('should bind values far beyond the parser limit of 256 KiB', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `https://www.example${i}.org/'path'`);
    const row = await selectOne<{ n: number; last: string }>(
      client,
      'SELECT length({a:Array(String)}) AS n, {a:Array(String)}[-1] AS last',
      { a: many },
    );
    expect(row).toEqual({ n: many.length, last: many[many.length - 1] });
  });

  it('should reject a value outside its type before anything runs', async () => {
    await expect(selectOne(client, 'SELECT {n:UInt8} AS v', { n: 256 })).rejects.toThrow(QueryParamError);
    await expect(selectOne(client, 'SELECT {d:DateTime} AS v', { d: '2024-02-30 00:00:00' })).rejects.toThrow(
      QueryParamError,
    );
    await expect(selectOne(client, 'SELECT {m:Map(String, String)} AS v', { m: {} })).rejects.toThrow(QueryParamError);
    await expect(
      selectOne(client, 'SELECT length({s:String}) AS v', { s: 'x'.repeat(17 * 1024 * 1024) }),
    ).rejects.toThrow(/too large/);
  });

  it('should run parameterized queries of different callers side by side', async () => {
    const sleepers = (c: ClickHouseClient): Promise<unknown> =>
      Promise.all(
        [1, 2, 3, 4].map((i) => selectOne(c, 'SELECT sleep({s:Float64}) AS v, {i:UInt8} AS i', { s: 0.5, i })),
      );
    let t0 = performance.now();
    await sleepers(client);
    const parallelMs = performance.now() - t0;
    t0 = performance.now();
    await sleepers(serverSide);
    const queuedMs = performance.now() - t0;
    // Four half-second sleeps: queued they take 2 s, on four connections about 0.5 s.
    expect(queuedMs).toBeGreaterThanOrEqual(1900);
    expect(parallelMs).toBeLessThan(queuedMs / 2);
  });
});
