/** The largest ASN stored: `fastpath.probe_asn` is an Int32 (a larger value would fail the query). */
export const MAX_ASN = 2 ** 31 - 1;

/**
 * The one ASN rule of every route: `AS123` or `123` → 123 (legacy `param_asn`: the prefix is
 * upper case), at most MAX_ASN; null for anything else.
 */
export function parseAsn(text: string): number | null {
  const digits = text.startsWith('AS') ? text.slice(2) : text;
  if (!/^\d{1,10}$/.test(digits)) return null;
  const asn = Number(digits);
  return asn <= MAX_ASN ? asn : null;
}
