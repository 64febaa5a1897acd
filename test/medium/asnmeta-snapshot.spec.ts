import { readAsnmetaSnapshot } from '../../src/modules/private-stats/asnmeta-snapshot';

// Reads the real package (about 30 MB of CSV): medium tier.
describe('readAsnmetaSnapshot', () => {
  it('should name the networks of the installed @ip-location-db/asn package', () => {
    const rows = readAsnmetaSnapshot();
    expect(rows.length).toBeGreaterThan(50_000);
    expect(rows.find((r) => r.asn === 13335)?.org_name).toBe('Cloudflare, Inc.');
    expect(rows.find((r) => r.asn === 30722)?.org_name).toBe('Vodafone Italia S.p.A.');
    expect(new Set(rows.map((r) => r.asn)).size).toBe(rows.length);
  });
});
