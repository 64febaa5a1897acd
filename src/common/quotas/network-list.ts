import { BlockList, isIP } from 'node:net';

/** A set of addresses and CIDR ranges (IPv4 and IPv6), e.g. `quotas.exempt_networks`. */
export class NetworkList {
  private readonly list = new BlockList();
  readonly size: number;

  /** Throws naming `what` and the bad entry. */
  constructor(entries: readonly string[], what: string) {
    for (const raw of entries) {
      const [addr, bits, ...rest] = raw.trim().split('/');
      const family = isIP(addr);
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (family === 0 || rest.length > 0 || !(prefix <= max)) throw new Error(`invalid ${what} entry: ${raw}`);
      this.list.addSubnet(addr, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    this.size = entries.length;
  }

  has(ip: string): boolean {
    if (this.size === 0) return false;
    const family = isIP(ip);
    return family !== 0 && this.list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }
}
