import { zstdDecompress } from '../../src/common/compression/zstd';
import { DumpedChunk, TableDumper } from '../../src/modules/scheduler/backup/table-dumper';
import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { startTestApp, TestApp } from '../helpers/test-app';

async function collect(gen: AsyncGenerator<DumpedChunk>): Promise<DumpedChunk[]> {
  const out: DumpedChunk[] = [];
  for await (const chunk of gen) out.push(chunk);
  return out;
}

const textOf = (chunks: DumpedChunk[]): string => chunks.map((c) => zstdDecompress(c.frame).toString('utf8')).join('');

describe('TableDumper (medium)', () => {
  let t: TestApp;
  let dumper: TableDumper;
  let rowCount: number;
  const settings = { chunk_rows: 5, chunk_bytes: 1 << 30, zstd_level: 3 };

  beforeAll(async () => {
    t = await startTestApp({ fastpath: { enabled: false } });
    dumper = t.app.get(TableDumper);
    await insertFastpathRows(t.clickhouse, scoreFixtures());
    const rs = await t.clickhouse.query({ query: 'SELECT count() AS n FROM fastpath', format: 'JSONEachRow' });
    rowCount = Number((await rs.json<{ n: string }>())[0].n);
  });
  afterAll(async () => t?.close());

  it('should dump every row once, each chunk one zstd frame of its text with its cursor', async () => {
    const chunks = await collect(dumper.chunks('fastpath', settings, { format: 'tsv' }));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(rowCount);
    expect(chunks.every((c) => c.rows <= 5)).toBe(true);
    const [first, ...rest] = chunks;
    expect(first.next).not.toBeNull();
    const resumed = await collect(dumper.chunks('fastpath', settings, { format: 'tsv', after: first.next }));
    expect(textOf(resumed)).toBe(textOf(rest));
  });

  it('should write what the text picker keeps of each chunk, and no frame for an empty text', async () => {
    const headerOnce = await collect(
      dumper.chunks('fastpath', settings, {
        format: 'csv',
        text: (c, i) => (i === 0 ? `${c.header[0]}\n${c.body}` : c.body),
      }),
    );
    const lines = textOf(headerOnce).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^"measurement_uid",/);
    expect(lines.filter((l) => l.startsWith('"measurement_uid"'))).toHaveLength(1);
    expect(headerOnce.reduce((n, c) => n + c.rows, 0)).toBe(rowCount);
    const firstOnly = await collect(
      dumper.chunks('fastpath', settings, { format: 'csv', text: (c, i) => (i === 0 ? c.body : '') }),
    );
    expect(firstOnly).toHaveLength(1);
  });

  it('should name the configured tables that do not exist', async () => {
    expect(await dumper.existingTables('db_backup.tables', ['fastpath'])).toEqual(['fastpath']);
    await expect(dumper.existingTables('db_export.tables', ['fastpath', 'no_such_table'])).rejects.toThrow(
      'db_export.tables names missing tables: no_such_table',
    );
  });
});
