import { csvField, rowsToCsv } from '../../../src/modules/aggregation/aggregation.csv';

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
    expect(csvField(value)).toBe(expected);
  });

  it('should write numbers as they are and missing values as empty fields', () => {
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
  });
});
