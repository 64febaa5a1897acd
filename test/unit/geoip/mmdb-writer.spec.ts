import { Reader, Response } from 'maxmind';
import { MmdbUint, MmdbWriter } from '../../../src/common/geoip/mmdb-writer';

const ip4 = (s: string): number => s.split('.').reduce((n, o) => n * 256 + Number(o), 0);

function read(buf: Buffer): Reader<Response> {
  return new Reader<Response>(buf);
}

describe(MmdbWriter.name, () => {
  it('should write a database that maxmind reads back, IPv4 ranges split into prefixes', () => {
    const w = new MmdbWriter();
    const a = w.addValue({ autonomous_system_number: 64500, autonomous_system_organization: 'Net A' });
    w.insertIpv4Range(ip4('10.0.0.0'), ip4('10.0.2.255'), a);
    const r = read(w.build({ databaseType: 'Test-ASN', description: 'test' }));

    expect(r.metadata.databaseType).toBe('Test-ASN');
    expect(r.metadata.ipVersion).toBe(6);
    expect(r.get('10.0.0.1')).toEqual({ autonomous_system_number: 64500, autonomous_system_organization: 'Net A' });
    expect(r.getWithPrefixLength('10.0.2.7')[1]).toBe(24);
    expect(r.getWithPrefixLength('10.0.1.7')[1]).toBe(23);
    expect(r.get('10.0.3.0')).toBeNull();
    expect(r.get('9.255.255.255')).toBeNull();
    expect(r.get('::ffff:10.0.2.1')).toEqual(r.get('10.0.2.1'));
  });

  it('should store IPv6 ranges, and let a later range override an overlapping one', () => {
    const w = new MmdbWriter();
    const big = w.addValue({ n: 1 });
    const small = w.addValue({ n: 2 });
    w.insertIpv6Range(0x20010db8n << 96n, (0x20010db9n << 96n) - 1n, big);
    w.insertIpv6Range(0x20010db8_00010000n << 64n, (0x20010db8_00020000n << 64n) - 1n, small);
    const r = read(w.build({ databaseType: 't', description: 't' }));

    expect(r.get('2001:db8::1')).toEqual({ n: 1 });
    expect(r.get('2001:db8:1::1')).toEqual({ n: 2 });
    expect(r.get('2001:db8:2::1')).toEqual({ n: 1 });
    expect(r.get('2001:db9::1')).toBeNull();
    expect(r.get('1.2.3.4')).toBeNull();
  });

  it('should encode every value type and large sizes', () => {
    const w = new MmdbWriter();
    const value = {
      s: 'é'.repeat(200),
      long: 'x'.repeat(70000),
      n: 4294967295,
      zero: 0,
      neg: -1.5,
      t: true,
      f: false,
      list: [1, 'two', { three: 3 }],
      u16: new MmdbUint(16, 65535),
      u64: new MmdbUint(64, 2n ** 63n),
    };
    w.insertIpv4Range(ip4('192.0.2.0'), ip4('192.0.2.255'), w.addValue(value));
    const got = read(w.build({ databaseType: 't', description: 't' })).get('192.0.2.1') as unknown as Record<
      string,
      unknown
    >;
    expect(got).toEqual({ ...value, u16: 65535, u64: 2n ** 63n });
  });

  it.each([24, 28, 32] as const)('should read back the same answers with %i-bit records', (recordSize) => {
    const w = new MmdbWriter();
    for (let i = 0; i < 300; i++) {
      w.insertIpv4Range(
        ip4(`100.${i >> 4}.${(i & 15) * 16}.0`),
        ip4(`100.${i >> 4}.${(i & 15) * 16 + 7}.255`),
        w.addValue({ i }),
      );
    }
    const r = read(w.build({ databaseType: 't', description: 't', minRecordSize: recordSize }));
    expect(r.metadata.recordSize).toBe(recordSize);
    expect(r.get('100.0.0.1')).toEqual({ i: 0 });
    expect(r.get('100.18.180.3')).toEqual({ i: 299 });
    expect(r.get('100.0.8.0')).toBeNull();
  });

  it('should merge adjacent prefixes that hold the same value', () => {
    const build = (split: boolean): Buffer => {
      const w = new MmdbWriter();
      const v = w.addValue({ v: 1 });
      if (split) {
        w.insertIpv4Range(ip4('198.51.100.0'), ip4('198.51.100.127'), v);
        w.insertIpv4Range(ip4('198.51.100.128'), ip4('198.51.100.255'), v);
      } else {
        w.insertIpv4Range(ip4('198.51.100.0'), ip4('198.51.100.255'), v);
      }
      return w.build({ databaseType: 't', description: 't', buildEpoch: 0 });
    };
    expect(build(true).equals(build(false))).toBe(true);
    expect(read(build(true)).getWithPrefixLength('198.51.100.200')).toEqual([{ v: 1 }, 24]);
  });
});
