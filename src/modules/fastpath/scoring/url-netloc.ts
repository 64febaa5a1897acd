const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;
// eslint-disable-next-line no-control-regex
const LEADING_C0_OR_SPACE = /^[\u0000-\u0020]+/;

/**
 * `urllib.parse.urlparse(url).netloc`, which the original stores as the `domain` column: the
 * authority part including userinfo and port ("http://a.org:80/x" -> "a.org:80"), "" when the
 * URL has no "//" authority. Unbalanced IPv6 brackets make Python raise; we return "".
 */
export function urlNetloc(url: string): string {
  let rest = url.replace(LEADING_C0_OR_SPACE, '').replace(/[\t\r\n]/g, '');
  const colon = rest.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(rest.slice(0, colon))) rest = rest.slice(colon + 1);
  if (!rest.startsWith('//')) return '';
  let end = rest.length;
  for (const delim of ['/', '?', '#']) {
    const i = rest.indexOf(delim, 2);
    if (i >= 0 && i < end) end = i;
  }
  const netloc = rest.slice(2, end);
  if (netloc.includes('[') !== netloc.includes(']')) return '';
  return netloc;
}
