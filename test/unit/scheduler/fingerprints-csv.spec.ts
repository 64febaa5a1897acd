import { parseFingerprintsCsv } from '../../../src/modules/scheduler/fingerprints/fingerprints-csv';

const HEADER =
  'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes';
const bounds = { minRows: 1, maxRows: 10 };
const csv = (...rows: string[]): Buffer => Buffer.from([HEADER, ...rows].join('\n'));

describe(parseFingerprintsCsv.name, () => {
  it('should parse rows with quoted fields and numeric confidence', () => {
    const rows = parseFingerprintsCsv('http', csv('cl.x,injb,,body,contains,"a, ""b""",9,"IT,DE",,,'), bounds);
    expect(rows).toEqual([
      {
        name: 'cl.x',
        scope: 'injb',
        other_names: '',
        location_found: 'body',
        pattern_type: 'contains',
        pattern: 'a, "b"',
        confidence_no_fp: 9,
        expected_countries: 'IT,DE',
        source: '',
        exp_url: '',
        notes: '',
      },
    ]);
  });

  it('should refuse bad rows, missing columns and out-of-bounds counts', () => {
    expect(() => parseFingerprintsCsv('dns', csv('x,injb,,dns,full,1.2.3.4,5,,,,'), bounds)).toThrow(
      /row 2: unknown scope/,
    );
    expect(() => parseFingerprintsCsv('dns', csv('x,isp,,dns,glob,1.2.3.4,5,,,,'), bounds)).toThrow(/pattern_type/);
    expect(() => parseFingerprintsCsv('dns', csv('x,isp,,dns,full,1.2.3.4,300,,,,'), bounds)).toThrow(/0-255/);
    expect(() => parseFingerprintsCsv('dns', csv('x,isp,,dns,full,,5,,,,'), bounds)).toThrow(/empty pattern/);
    expect(() => parseFingerprintsCsv('dns', csv('x,isp,,dns,full,1.2.3.4,5'), bounds)).toThrow(/not valid CSV/);
    expect(() => parseFingerprintsCsv('dns', Buffer.from('name,scope\nx,isp\n'), bounds)).toThrow(/lacks columns/);
    expect(() => parseFingerprintsCsv('dns', csv(), bounds)).toThrow(/has 0 rows/);
  });
});
