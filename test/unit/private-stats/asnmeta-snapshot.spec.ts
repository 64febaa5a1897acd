import * as fs from 'node:fs';
import * as path from 'node:path';
import { asnmetaFromRanges, asnPackageDay } from '../../../src/modules/private-stats/asnmeta-snapshot';
import { FIXTURES_DIR } from '../../helpers/fixtures';

const ranges = (name: string): string => fs.readFileSync(path.join(FIXTURES_DIR, 'data', 'asn-ranges', name), 'utf8');

describe('asnmetaFromRanges', () => {
  it('should give one row per ASN with its organisation, sorted by ASN', () => {
    const rows = asnmetaFromRanges(
      { ipv4: ranges('asn-ipv4-num.csv'), ipv6: ranges('asn-ipv6-num.csv') },
      '2024-06-01',
    );
    expect(rows.map((r) => r.asn)).toEqual([3269, 3320, 7922, 8167, 28573, 30722, 197207]);
    expect(rows.find((r) => r.asn === 7922)).toEqual({
      asn: 7922,
      org_name: 'Comcast Cable Communications, LLC',
      cc: '',
      changed: '2024-06-01',
      aut_name: '',
      source: 'ip-location-db',
    });
  });

  it('should take the name most ranges give, and ignore unnamed ranges', () => {
    const ipv4 = ['1,2,64500,Old Name', '3,4,64500,"New Name, Inc."', '5,6,64500,"New Name, Inc."', '7,8,64501,'].join(
      '\n',
    );
    const rows = asnmetaFromRanges({ ipv4, ipv6: '' }, '2024-06-01');
    expect(rows.map((r) => [r.asn, r.org_name])).toEqual([[64500, 'New Name, Inc.']]);
  });

  it('should date the snapshot with the release day of the installed package', () => {
    expect(asnPackageDay()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
