import { normalizeIp, resolveClientIp, TrustedProxies } from '../../../src/common/geoip/client-ip';

describe(TrustedProxies.name, () => {
  it('should match addresses and CIDRs of both families', () => {
    const t = new TrustedProxies(['192.0.2.1', '10.0.0.0/8', '2001:db8::/32', '::1']);
    expect(t.has('192.0.2.1')).toBe(true);
    expect(t.has('192.0.2.2')).toBe(false);
    expect(t.has('10.200.3.4')).toBe(true);
    expect(t.has('11.0.0.1')).toBe(false);
    expect(t.has('2001:db8:ffff::1')).toBe(true);
    expect(t.has('2001:db9::1')).toBe(false);
    expect(t.has('::1')).toBe(true);
  });

  it("should accept proxy-addr's names, as Fastify's trustProxy does", () => {
    const t = new TrustedProxies(['loopback', 'uniquelocal']);
    expect(t.has('127.0.0.1')).toBe(true);
    expect(t.has('172.16.5.5')).toBe(true);
    expect(t.has('fd00::1')).toBe(true);
    expect(t.has('8.8.8.8')).toBe(false);
  });

  it.each(['not-an-ip', '10.0.0.0/33', '10.0.0.0/', '2001:db8::/129', '1.2.3.4/8/8', '10.0.0.0/x'])(
    'should refuse the invalid entry %s',
    (entry) => {
      expect(() => new TrustedProxies([entry])).toThrow(/trusted_proxies/);
    },
  );
});

describe(resolveClientIp.name, () => {
  const trusted = new TrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

  it('should use the socket address and ignore headers from an untrusted peer', () => {
    const headers = { 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' };
    expect(resolveClientIp('203.0.113.9', headers, trusted)).toBe('203.0.113.9');
    expect(resolveClientIp('203.0.113.9', {}, trusted)).toBe('203.0.113.9');
  });

  it('should ignore headers when no proxy is trusted', () => {
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': '1.2.3.4' }, new TrustedProxies([]))).toBe('127.0.0.1');
  });

  it('should use X-Forwarded-For from a trusted peer', () => {
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': '1.2.3.4' }, trusted)).toBe('1.2.3.4');
    expect(resolveClientIp('10.1.2.3', { 'x-forwarded-for': ' 2001:db8::5 ' }, trusted)).toBe('2001:db8::5');
  });

  it('should prefer X-Forwarded-For to X-Real-IP, and use X-Real-IP without it', () => {
    const both = { 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' };
    expect(resolveClientIp('127.0.0.1', both, trusted)).toBe('1.2.3.4');
    expect(resolveClientIp('127.0.0.1', { 'x-real-ip': '5.6.7.8' }, trusted)).toBe('5.6.7.8');
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': 'garbage', 'x-real-ip': '5.6.7.8' }, trusted)).toBe(
      '5.6.7.8',
    );
  });

  it('should take the address our proxy appended, not one the client put in the header', () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it saw.
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 1.2.3.4' }, trusted)).toBe('1.2.3.4');
  });

  it('should skip a chain of trusted proxies', () => {
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': '1.2.3.4, 10.0.0.7, fd00::3' }, trusted)).toBe('1.2.3.4');
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': '10.0.0.8, 10.0.0.7' }, trusted)).toBe('10.0.0.8');
  });

  it('should trust peers by CIDR and understand IPv6 peers', () => {
    expect(resolveClientIp('fd00::1', { 'x-forwarded-for': '1.2.3.4' }, trusted)).toBe('1.2.3.4');
    expect(resolveClientIp('fe80::1', { 'x-forwarded-for': '1.2.3.4' }, trusted)).toBe('fe80::1');
    expect(resolveClientIp('10.99.0.1', { 'x-real-ip': '2001:db8::1' }, trusted)).toBe('2001:db8::1');
  });

  it('should unwrap IPv4-mapped addresses of dual-stack sockets and strip ports', () => {
    expect(resolveClientIp('::ffff:203.0.113.9', {}, trusted)).toBe('203.0.113.9');
    expect(resolveClientIp('::ffff:127.0.0.1', { 'x-forwarded-for': '1.2.3.4:5678' }, trusted)).toBe('1.2.3.4');
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': '[2001:db8::1]:443' }, trusted)).toBe('2001:db8::1');
  });

  it('should join repeated X-Forwarded-For headers', () => {
    expect(resolveClientIp('127.0.0.1', { 'x-forwarded-for': ['6.6.6.6', '1.2.3.4'] }, trusted)).toBe('1.2.3.4');
  });
});

describe(normalizeIp.name, () => {
  it('should accept valid addresses only', () => {
    expect(normalizeIp('8.8.8.8')).toBe('8.8.8.8');
    expect(normalizeIp('::FFFF:8.8.8.8')).toBe('8.8.8.8');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeIp('8.8.8')).toBeNull();
    expect(normalizeIp('')).toBeNull();
    expect(normalizeIp(undefined)).toBeNull();
  });
});
