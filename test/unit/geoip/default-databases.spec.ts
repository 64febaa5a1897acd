import { Reader, Response } from 'maxmind';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAsnMmdb, installDefaultDatabases } from '../../../src/common/geoip/default-databases';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const ASN_DIR = path.dirname(require.resolve('@ip-location-db/asn/package.json'));
const COUNTRY_MMDB = path.join(
  path.dirname(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json')),
  'geo-whois-asn-country.mmdb',
);

interface AsnRecord {
  autonomous_system_number: number;
  autonomous_system_organization: string;
}

/** Every `step`-th row of a numeric range CSV, as [start, end, asn]. */
function sampleRows(file: string, step: number): Array<[bigint, bigint, number]> {
  const lines = fs.readFileSync(path.join(ASN_DIR, file), 'utf8').split('\n');
  const out: Array<[bigint, bigint, number]> = [];
  for (let i = 0; i < lines.length; i += step) {
    const [start, end, asn] = lines[i].split(',');
    if (asn) out.push([BigInt(start), BigInt(end), Number(asn)]);
  }
  return out;
}

function v4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

function v6(n: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}

describe(installDefaultDatabases.name, () => {
  let dir: string;
  let asn: Reader<Response>;

  beforeAll(async () => {
    dir = makeTempDir('ooni-geoip-');
    const { installed } = await installDefaultDatabases(path.join(dir, 'cc.mmdb'), path.join(dir, 'asn.mmdb'));
    expect(installed).toHaveLength(2);
    asn = new Reader<Response>(fs.readFileSync(path.join(dir, 'asn.mmdb')));
  });
  afterAll(() => removeDir(dir));

  it('should copy the shipped country database unchanged', () => {
    expect(fs.readFileSync(path.join(dir, 'cc.mmdb')).equals(fs.readFileSync(COUNTRY_MMDB))).toBe(true);
  });

  it('should give the CSV AS number at both ends of sampled IPv4 and IPv6 ranges', () => {
    const check = (rows: Array<[bigint, bigint, number]>, fmt: (n: bigint) => string): void => {
      for (const [start, end, expected] of rows) {
        for (const ip of [fmt(start), fmt(end)]) {
          const rec = asn.get(ip) as unknown as AsnRecord | null;
          expect({ ip, asn: rec?.autonomous_system_number }).toEqual({ ip, asn: expected });
        }
      }
    };
    check(sampleRows('asn-ipv4-num.csv', 997), v4);
    check(sampleRows('asn-ipv6-num.csv', 499), v6);
  });

  it('should keep organization names with quotes and commas', () => {
    expect(asn.get('1.1.1.1')).toEqual({
      autonomous_system_number: 13335,
      autonomous_system_organization: 'Cloudflare, Inc.',
    });
  });

  it('should leave existing files alone', async () => {
    fs.writeFileSync(path.join(dir, 'mine.mmdb'), 'operator file');
    const { installed } = await installDefaultDatabases(path.join(dir, 'mine.mmdb'), path.join(dir, 'asn.mmdb'));
    expect(installed).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'mine.mmdb'), 'utf8')).toBe('operator file');
  });
});

describe(buildAsnMmdb.name, () => {
  it('should skip rows without an AS number and parse quoted names and CRLF lines', () => {
    const buf = buildAsnMmdb({
      ipv4: '16777216,16777471,13335,"Cloudflare, Inc."\r\n16777472,16777727,0,Nobody\r\n167772160,167772415,64500,"A ""B"" C"\r\n',
      ipv6: '42540766411282592856903984951653826560,42540766490510755371168322545197776895,64501,Doc Net\n',
    });
    const r = new Reader<Response>(buf);
    expect(r.get('1.0.0.1')).toEqual({
      autonomous_system_number: 13335,
      autonomous_system_organization: 'Cloudflare, Inc.',
    });
    expect(r.get('1.0.1.1')).toBeNull();
    expect(r.get('10.0.0.1')).toEqual({ autonomous_system_number: 64500, autonomous_system_organization: 'A "B" C' });
    expect(r.get('2001:db8::1')).toEqual({
      autonomous_system_number: 64501,
      autonomous_system_organization: 'Doc Net',
    });
  });
});
