import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

// Legacy `domain_matcher`: labels of letters, digits, '-' and '_', a TLD ending with a letter.
const DOMAIN_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9\-_]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9][A-Za-z0-9\-_]{0,61}[A-Za-z]$/;

/**
 * The one domain rule of every route, legacy `validate_domain`: `<domain|ip address>[:<port>]`
 * (IPv6 in brackets with a port), IDNs accepted.
 */
export function isValidDomain(p: string): boolean {
  let host = /^[\x21-\x7e]*$/.test(p) ? p : domainToASCII(p);
  if (host === '') return false;
  if (DOMAIN_RE.test(host)) return true;
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    if (!/^\d+$/.test(host.slice(colon + 1))) return false;
    host = host.slice(0, colon);
  }
  if (DOMAIN_RE.test(host)) return true;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return isIP(host) !== 0;
}
