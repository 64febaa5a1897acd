import { CidrSet } from '../../../src/common/net/cidr-set';

describe(CidrSet.name, () => {
  it('should match addresses and ranges of both families', () => {
    const list = new CidrSet(['37.218.245.43', '10.0.0.0/8', '2001:db8::/32'], 'test');
    expect(list.has('37.218.245.43')).toBe(true);
    expect(list.has('37.218.245.44')).toBe(false);
    expect(list.has('10.200.1.1')).toBe(true);
    expect(list.has('2001:db8:1::5')).toBe(true);
    expect(list.has('2001:db9::5')).toBe(false);
    expect(list.has('not-an-ip')).toBe(false);
    // IPv4-mapped IPv6 is the IPv4 address, as the socket may report it.
    expect(list.has('::ffff:10.1.2.3')).toBe(true);
  });

  it('should expand named ranges, as http.trusted_proxies accepts', () => {
    const list = new CidrSet(['loopback'], 'test', { loopback: ['127.0.0.1/8', '::1/128'] });
    expect([list.has('127.9.9.9'), list.has('::1'), list.has('128.0.0.1')]).toEqual([true, true, false]);
  });

  it('should name a bad entry', () => {
    expect(() => new CidrSet(['10.0.0.0/33'], 'quotas.exempt_networks')).toThrow(
      'invalid quotas.exempt_networks entry: 10.0.0.0/33',
    );
  });
});
