import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { AppConfig } from '../../common/config/app-config';

export interface TestHelperEntry {
  address: string;
  type: string;
  front?: string;
}

export type TestHelpersConf = Record<string, TestHelperEntry[]>;

// Legacy helpers still listed for old probes.
const LEGACY_HELPERS: TestHelpersConf = {
  dns: [
    { address: '37.218.241.93:57004', type: 'legacy' },
    { address: '37.218.241.93:57004', type: 'legacy' },
  ],
  'http-return-json-headers': [
    { address: 'http://37.218.241.94:80', type: 'legacy' },
    { address: 'http://37.218.241.94:80', type: 'legacy' },
  ],
  ssl: [
    { address: 'https://37.218.241.93', type: 'legacy' },
    { address: 'https://37.218.241.93', type: 'legacy' },
  ],
  'tcp-echo': [
    { address: '37.218.241.93', type: 'legacy' },
    { address: '37.218.241.93', type: 'legacy' },
  ],
  traceroute: [
    { address: '37.218.241.93', type: 'legacy' },
    { address: '37.218.241.93', type: 'legacy' },
  ],
};

/** The client address as a (large) integer, modulo 100; null when it is not an IP address. */
export function addressBucket(ip: string): number | null {
  const version = isIP(ip);
  if (version === 4) {
    // 32 bits: exact in a double, no BigInt needed.
    return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0) % 100;
  }
  if (version === 6) {
    const [head, tail = ''] = ip.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    if (ip.includes('.')) return null; // IPv4-mapped forms are rare for probes; use the default share
    const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
    return Number(groups.reduce((acc, g) => acc * 65536n + BigInt(`0x${g || '0'}`), 0n) % 100n);
  }
  return null;
}

/**
 * Web connectivity helpers rotated per client address so every helper gets a steady
 * share, except the first (0.th), which gets about a tenth of the probes: new releases
 * are tried there first.
 */
export function rotateHelpers(hosts: readonly string[], bucket: number | null): string[] {
  const q = bucket ?? 12;
  const n = hosts.length;
  const shift = q < 10 || n === 1 ? 0 : (q % (n - 1)) + 1;
  return hosts.map((_, i) => hosts[(i + shift) % n]);
}

@Injectable()
export class TestHelpersService {
  /** One answer per address bucket (at most 101): shared, never modified by callers. */
  private readonly byBucket = new Map<number | null, Readonly<TestHelpersConf>>();

  constructor(private readonly config: AppConfig) {}

  forClient(clientIp: string): Readonly<TestHelpersConf> {
    const bucket = addressBucket(clientIp);
    let conf = this.byBucket.get(bucket);
    if (conf === undefined) {
      conf = this.build(bucket);
      this.byBucket.set(bucket, conf);
    }
    return conf;
  }

  private build(bucket: number | null): TestHelpersConf {
    const { th_hosts, th_cloudfront_front } = this.config.probe_services;
    const web: TestHelperEntry[] = rotateHelpers(th_hosts, bucket).map((host) => ({
      address: `https://${host}`,
      type: 'https',
    }));
    if (th_cloudfront_front) {
      web.push({ address: `https://${th_cloudfront_front}`, front: th_cloudfront_front, type: 'cloudfront' });
    }
    return { ...LEGACY_HELPERS, 'web-connectivity': web };
  }
}
