import { rowsToCsv } from '../../../src/common/csv/rows-to-csv';

describe('rowsToCsv', () => {
  it('should write sorted headers and CRLF lines', () => {
    expect(
      rowsToCsv([
        { b: 1, a: 'x' },
        { a: 'y', b: 2 },
      ]),
    ).toBe('a,b\r\nx,1\r\ny,2\r\n');
  });

  it('should write nothing for no rows', () => {
    expect(rowsToCsv([])).toBe('');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('should quote %j as RFC 4180 requires', (value, expected) => {
    expect(rowsToCsv([{ v: value }])).toBe(`v\r\n${expected}\r\n`);
  });

  it('should write numbers as they are and missing values as empty fields', () => {
    expect(rowsToCsv([{ a: 0.5, b: -1, c: undefined, d: null }])).toBe('a,b,c,d\r\n0.5,-1,,\r\n');
  });

  it('should quote special cells in prioritization rows like the legacy CSV', () => {
    const csv = rowsToCsv([
      { url: 'https://a.org/?x=1,2', cc: 'IT', priority: 5 },
      { url: 'say "hi"', cc: 'ZZ', priority: -1 },
    ]);
    expect(csv).toBe('cc,priority,url\r\nIT,5,"https://a.org/?x=1,2"\r\nZZ,-1,"say ""hi"""\r\n');
  });
});
