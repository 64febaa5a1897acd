import { isIP } from 'node:net';

/** Budgets are shared by an IPv4 /24 or an IPv6 /48 (one customer network), or by a logged-in account. */
export function subnetKey(ip: string): string | null {
  const family = isIP(ip);
  if (family === 4) return `${ip.slice(0, ip.lastIndexOf('.'))}.0/24`;
  if (family !== 6) return null;
  const hextets = expandIpv6(ip);
  return `${hextets.slice(0, 3).join(':')}::/48`;
}

export const accountKey = (accountId: string): string => `account:${accountId}`;

/** The 8 hextets (lower case, no leading zeros) of a valid IPv6 address, embedded IPv4 included. */
function expandIpv6(ip: string): string[] {
  let addr = ip.toLowerCase();
  const zone = addr.indexOf('%');
  if (zone >= 0) addr = addr.slice(0, zone);
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(addr);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    addr = `${addr.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = addr.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((h) => parseInt(h, 16).toString(16));
}
