/** What check-in and report handling need to know about a client address. */
export interface GeoInfo {
  /** ISO 3166-1 alpha-2, `ZZ` when unknown. */
  probe_cc: string;
  /** `AS<number>`, `AS0` when unknown. */
  probe_asn: string;
  /** The number in `probe_asn`. */
  asn: number;
  /** Organization owning the AS, empty when unknown. */
  network_name: string;
}

export interface AsnInfo {
  asn: number;
  /** Organization owning the AS; may be empty. */
  name: string;
}

/** Legacy answer for private, reserved, invalid or unlisted addresses. */
export const UNKNOWN_GEO: Readonly<GeoInfo> = Object.freeze({
  probe_cc: 'ZZ',
  probe_asn: 'AS0',
  asn: 0,
  network_name: '',
});

/** MaxMind GeoLite2/GeoIP2 Country or City record, and ip-location-db's country record. */
export interface CountryRecord {
  country?: { iso_code?: string };
  registered_country?: { iso_code?: string };
  country_code?: string;
}

/** MaxMind GeoLite2-ASN record; ip-location-db's ASN databases use the same keys. */
export interface AsnRecord {
  autonomous_system_number?: number;
  autonomous_system_organization?: string;
}

/** The country code of a record of either shape, or null. */
export function countryOf(record: CountryRecord | null): string | null {
  const cc = record?.country?.iso_code ?? record?.country_code ?? record?.registered_country?.iso_code;
  return typeof cc === 'string' && /^[A-Za-z]{2}$/.test(cc) ? cc.toUpperCase() : null;
}

/** The AS of a record, or null when it has no usable AS number. */
export function asnOf(record: AsnRecord | null): AsnInfo | null {
  const asn = record?.autonomous_system_number;
  if (typeof asn !== 'number' || !Number.isInteger(asn) || asn <= 0) return null;
  const name = record?.autonomous_system_organization;
  return { asn, name: typeof name === 'string' ? name : '' };
}
