import { splitChunk } from '../../../src/modules/scheduler/backup/chunk-records';
import { chunkKey, ColumnInfo } from '../../../src/modules/scheduler/backup/sort-key';

const col = (name: string, type = 'String', kind = ''): ColumnInfo => ({ name, type, default_kind: kind });

describe('chunkKey', () => {
  const fastpath = [
    col('measurement_uid'),
    col('report_id'),
    col('input'),
    col('measurement_start_time', 'DateTime'),
    col('update_time', 'DateTime64(3)', 'MATERIALIZED'),
  ];

  it('should take every column of a plain sorting key, in its order', () => {
    expect(chunkKey('measurement_start_time, report_id, input, measurement_uid', '', fastpath)).toEqual([
      'measurement_start_time',
      'report_id',
      'input',
      'measurement_uid',
    ]);
  });

  it('should fall back to the primary key (EmbeddedRocksDB) and accept backquoted names', () => {
    expect(chunkKey('', '`report_id`', fastpath)).toEqual(['report_id']);
  });

  it('should stop at the first expression, MATERIALIZED, Nullable or Float column', () => {
    const cols = [...fastpath, col('n', 'Nullable(UInt64)'), col('f', 'Float32'), col('lc', 'LowCardinality(String)')];
    expect(chunkKey('report_id, toStartOfDay(measurement_start_time), input', '', cols)).toEqual(['report_id']);
    expect(chunkKey('input, update_time, report_id', '', cols)).toEqual(['input']);
    expect(chunkKey('lc, n, input', '', cols)).toEqual(['lc']);
    expect(chunkKey('f, input', '', cols)).toEqual([]);
    expect(chunkKey('unknown_column', '', cols)).toEqual([]);
  });

  it('should give no key to a table without one (Join, Memory)', () => {
    expect(chunkKey('', '', fastpath)).toEqual([]);
  });
});

describe('splitChunk', () => {
  it('should count TSV records and keep the last one', () => {
    const c = splitChunk('a\tb\nString\tUInt8\nx\\ny\t1\nz\t2\n', 'tsv');
    expect(c).toEqual({ header: ['a\tb', 'String\tUInt8'], body: 'x\\ny\t1\nz\t2\n', rows: 2, last: 'z\t2' });
  });

  it('should keep quoted line breaks and doubled quotes of CSV inside one record', () => {
    const text = 'a,b\n"String","String"\n"one\nline","q"""\n"x""\ny","2\n3"\n';
    const c = splitChunk(text, 'csv');
    expect(c.rows).toBe(2);
    expect(c.last).toBe('"x""\ny","2\n3"');
  });

  it('should read a chunk without records as headers only', () => {
    expect(splitChunk('a\nString\n', 'csv')).toMatchObject({ rows: 0, body: '', last: null });
  });

  it('should refuse a truncated chunk', () => {
    expect(() => splitChunk('a\nString\n"open\n', 'csv')).toThrow(/unterminated/);
    expect(() => splitChunk('a\nString\nx', 'tsv')).toThrow(/line break/);
    expect(() => splitChunk('a\n', 'tsv')).toThrow(/header/);
  });
});
