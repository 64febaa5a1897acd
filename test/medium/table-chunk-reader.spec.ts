import { TableChunk, TableChunkReader } from '../../src/modules/scheduler/backup/table-chunk.reader';
import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { startTestApp, TestApp } from '../helpers/test-app';

async function collect(gen: AsyncGenerator<TableChunk>): Promise<TableChunk[]> {
  const out: TableChunk[] = [];
  for await (const chunk of gen) out.push(chunk);
  return out;
}

// Both ways of binding the cursor (a multi-line string parameter) on embedded chDB.
describe.each([false, true])('TableChunkReader (medium, client_side_params: %s)', (clientSideParams) => {
  let t: TestApp;
  let reader: TableChunkReader;
  let uids: string[];

  beforeAll(async () => {
    t = await startTestApp({ fastpath: { enabled: false }, clickhouse: { client_side_params: clientSideParams } });
    reader = t.app.get(TableChunkReader);
    await insertFastpathRows(t.clickhouse, scoreFixtures());
    const rs = await t.clickhouse.query({
      query: 'SELECT measurement_uid FROM fastpath ORDER BY measurement_start_time, report_id, input, measurement_uid',
      format: 'JSONEachRow',
    });
    uids = (await rs.json<{ measurement_uid: string }>()).map((r) => r.measurement_uid);
  });
  afterAll(async () => t?.close());

  const uidsOf = (chunks: TableChunk[]): string[] =>
    chunks.flatMap((c) =>
      c.body
        .trimEnd()
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    );

  it('should size queries to about max_bytes once it knows the row size, and read every row once in key order', async () => {
    const maxBytes = 3000;
    const chunks = await collect(reader.chunks('fastpath', { format: 'tsv', maxRows: 1000, maxBytes, after: null }));
    expect(chunks.length).toBeGreaterThan(3);
    expect(uidsOf(chunks)).toEqual(uids);
    const longest = Math.max(...chunks.flatMap((c) => c.body.split('\n').map((l) => l.length + 1)));
    // The first limit comes from the table's parts, the next ones from the bytes per row seen so far.
    for (const c of chunks.slice(0, -1)) expect(c.body.length).toBeLessThan(2 * maxBytes + longest);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(uids.length);
  });

  it('should continue from a chunk cursor', async () => {
    const opts = { format: 'tsv' as const, maxRows: 7, maxBytes: 1 << 30 };
    const [first] = await collect(reader.chunks('fastpath', { ...opts, after: null }));
    const rest = await collect(reader.chunks('fastpath', { ...opts, after: first.next }));
    expect([...uidsOf([first]), ...uidsOf(rest)]).toEqual(uids);
    expect(rest.every((c) => c.rows <= 7)).toBe(true);
  });

  it('should read one UTC day in CSV', async () => {
    const rs = await t.clickhouse.query({
      query:
        "SELECT toString(toDate(measurement_start_time, 'UTC')) AS day, count() AS n FROM fastpath GROUP BY day ORDER BY n DESC LIMIT 1",
      format: 'JSONEachRow',
    });
    const [{ day, n }] = await rs.json<{ day: string; n: number }>();
    const chunks = await collect(
      reader.chunks('fastpath', { format: 'csv', maxRows: 2, maxBytes: 1 << 30, after: null, day }),
    );
    expect(chunks.reduce((s, c) => s + c.rows, 0)).toBe(Number(n));
    expect(chunks[0].header[0].split(',')[0]).toBe('"measurement_uid"');
  });

  it('should read a table without a sorting key whole, and refuse it when larger than max_rows', async () => {
    const [whole] = await collect(
      reader.chunks('test_groups', { format: 'tsv', maxRows: 1000, maxBytes: 10, after: null }),
    );
    expect(whole.rows).toBeGreaterThan(10);
    await expect(
      collect(reader.chunks('test_groups', { format: 'tsv', maxRows: 5, maxBytes: 10, after: null })),
    ).rejects.toThrow(/no sorting key/);
  });
});
