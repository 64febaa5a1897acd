import { AppConfig } from '../../../src/common/config/app-config';
import {
  addressBucket,
  rotateHelpers,
  TestHelpersService,
} from '../../../src/modules/probe-services/test-helpers.service';

const HOSTS = ['0.th', '1.th', '2.th', '3.th'];

describe('rotateHelpers', () => {
  it('should put 0.th first for about a tenth of the clients and rotate the others evenly', () => {
    const firsts = new Map<string, number>();
    for (let q = 0; q < 100; q++) {
      const order = rotateHelpers(HOSTS, q);
      expect([...order].sort()).toEqual(HOSTS);
      firsts.set(order[0], (firsts.get(order[0]) ?? 0) + 1);
    }
    expect(firsts.get('0.th')).toBe(10);
    for (const host of ['1.th', '2.th', '3.th']) expect(firsts.get(host)).toBe(30);
  });

  it('should fall back to a fixed order when the address is unknown', () => {
    expect(rotateHelpers(HOSTS, null)[0]).toBe('1.th');
  });
});

describe('addressBucket', () => {
  it('should reduce IPv4 and IPv6 addresses as integers modulo 100', () => {
    expect(addressBucket('0.0.0.99')).toBe(99);
    expect(addressBucket('0.0.1.0')).toBe(56);
    expect(addressBucket('::1')).toBe(1);
    expect(addressBucket('2001:db8::')).toBe(Number(BigInt('0x20010db8000000000000000000000000') % 100n));
    expect(addressBucket('not-an-ip')).toBeNull();
  });
});

describe('TestHelpersService.forClient', () => {
  const service = new TestHelpersService({
    probe_services: { th_hosts: HOSTS, th_cloudfront_front: 'd1.cloudfront.net' },
  } as unknown as AppConfig);
  const firstHelper = (ip: string): string => service.forClient(ip)['web-connectivity'][0].address;

  it('should give clients of one address bucket the same helpers, rotated by bucket', () => {
    expect(service.forClient('0.0.0.142')).toBe(service.forClient('0.0.0.42'));
    expect(firstHelper('0.0.0.42')).toBe(`https://${rotateHelpers(HOSTS, 42)[0]}`);
    expect(firstHelper('0.0.0.5')).toBe('https://0.th');
    const web = service.forClient('10.1.2.3')['web-connectivity'];
    expect(web.map((h) => h.type)).toEqual(['https', 'https', 'https', 'https', 'cloudfront']);
    expect(Object.keys(service.forClient('10.1.2.3'))).toContain('dns');
  });

  it('should reduce large IPv4 addresses exactly', () => {
    for (const ip of ['255.255.255.255', '203.0.113.77', '128.0.0.1']) {
      const big = ip.split('.').reduce((acc, o) => acc * 256n + BigInt(o), 0n);
      expect(addressBucket(ip)).toBe(Number(big % 100n));
    }
  });
});
