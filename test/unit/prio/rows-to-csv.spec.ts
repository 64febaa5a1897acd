import { rowsToCsv } from '../../../src/modules/prio/rows-to-csv';

describe(rowsToCsv.name, () => {
  it('should write sorted headers, quote special cells and end lines with CRLF', () => {
    const csv = rowsToCsv([
      { url: 'https://a.org/?x=1,2', cc: 'IT', priority: 5 },
      { url: 'say "hi"', cc: 'ZZ', priority: -1 },
    ]);
    expect(csv).toBe('cc,priority,url\r\nIT,5,"https://a.org/?x=1,2"\r\nZZ,-1,"say ""hi"""\r\n');
  });

  it('should render nothing for no rows', () => {
    expect(rowsToCsv([])).toBe('');
  });
});
