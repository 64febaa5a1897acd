import { BlockList, isIP } from 'node:net';
import { normalizeIp } from './normalize-ip';

/**
 * The one set of addresses and CIDR ranges (IPv4 and IPv6; IPv4-mapped IPv6 unwrapped) of the
 * configuration: `http.trusted_proxies`, `quotas.exempt_networks`. `named` expands names such as
 * proxy-addr's `loopback` into ranges.
 */
export class CidrSet {
  private readonly list = new BlockList();
  readonly size: number;

  /** Throws naming `what` and the bad entry. */
  constructor(entries: readonly string[], what: string, named: Readonly<Record<string, string[]>> = {}) {
    for (const raw of entries.flatMap((e) => named[e.trim()] ?? [e.trim()])) {
      const [addr, bits, ...rest] = raw.split('/');
      const ip = normalizeIp(addr);
      const family = ip === null ? 0 : isIP(ip);
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (ip === null || rest.length > 0 || !(prefix <= max)) throw new Error(`invalid ${what} entry: ${raw}`);
      this.list.addSubnet(ip, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    this.size = entries.length;
  }

  has(address: string): boolean {
    if (this.size === 0) return false;
    const ip = normalizeIp(address);
    if (ip === null) return false;
    return this.list.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');
  }
}
