import { IncomingHttpHeaders } from 'node:http';
import { CidrSet } from '../net/cidr-set';
import { normalizeIp } from '../net/normalize-ip';

export { normalizeIp };

/** proxy-addr's names, accepted because `http.trusted_proxies` is also Fastify's `trustProxy`. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** Accepts `1.2.3.4`, `[2001:db8::1]`, and the `host:port` forms some proxies send. */
function parseForwardedEntry(entry: string): string | null {
  let s = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  return normalizeIp(s);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** The set of `http.trusted_proxies`: addresses, CIDRs (IPv4 and IPv6) and proxy-addr names. */
export class TrustedProxies extends CidrSet {
  constructor(entries: readonly string[]) {
    super(entries, 'http.trusted_proxies', NAMED_RANGES);
  }
}

/**
 * The client address of a request. Headers are believed only when the socket peer is a trusted
 * proxy. `X-Forwarded-For` is read from the right, skipping trusted proxies, so the entry our
 * own proxy appended wins over anything the client put in the header (legacy took the last
 * entry too); when it is absent or unusable, `X-Real-IP`.
 */
export function resolveClientIp(
  peerAddress: string | undefined,
  headers: IncomingHttpHeaders,
  trusted: TrustedProxies,
): string {
  const peer = normalizeIp(peerAddress);
  if (peer === null) return peerAddress ?? '';
  if (trusted.size === 0 || !trusted.has(peer)) return peer;

  let candidate = peer;
  const forwarded = headerValue(headers['x-forwarded-for']);
  if (forwarded !== undefined && forwarded.trim() !== '') {
    const entries = forwarded.split(',');
    for (let i = entries.length - 1; i >= 0; i--) {
      const ip = parseForwardedEntry(entries[i]);
      if (ip === null) break;
      if (!trusted.has(ip)) return ip;
      candidate = ip;
    }
  }
  const realIp = parseForwardedEntry(headerValue(headers['x-real-ip']) ?? '');
  return realIp ?? candidate;
}
