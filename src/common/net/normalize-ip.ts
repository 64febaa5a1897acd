import { isIP } from 'node:net';

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** The canonical form used for lookups and comparisons: a valid IP, IPv4-mapped IPv6 unwrapped. */
export function normalizeIp(value: string | undefined): string | null {
  if (value === undefined) return null;
  const ip = value.trim();
  if (isIP(ip) === 0) return null;
  const mapped = MAPPED_V4.exec(ip);
  return mapped ? mapped[1] : ip;
}
