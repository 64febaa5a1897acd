/**
 * Addresses that are never geolocated: IANA special-purpose IPv4 ranges (RFC 6890 and
 * successors) and everything outside IPv6 global unicast 2000::/3, plus the documentation
 * prefixes. The shipped ip-location-db country data wrongly lists some private ranges
 * (e.g. 192.168.0.0/16 as AU), while legacy (GeoLite2) answered "not found" for all of them.
 * Plain arithmetic: node's BlockList costs microseconds per check, more than the lookup itself.
 */
function isSpecialIpv4(ip: string): boolean {
  const [a, b, c] = ip.split('.', 3).map((o) => +o);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

function isSpecialIpv6(ip: string): boolean {
  if (ip.startsWith(':')) return true;
  const groups = ip.split(':', 2);
  const first = parseInt(groups[0], 16);
  if (first < 0x2000 || first >= 0x4000) return true;
  return first === 0x2001 && parseInt(groups[1], 16) === 0xdb8;
}

/** For an address already validated by `normalizeIp`. */
export function isSpecialPurposeIp(ip: string): boolean {
  return ip.includes(':') ? isSpecialIpv6(ip) : isSpecialIpv4(ip);
}
