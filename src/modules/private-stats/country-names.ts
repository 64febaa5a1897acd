const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/**
 * English name of an ISO 3166 alpha-2 country code, or undefined for codes that name no
 * country (ZZ, XX, AA...): the legacy API left those out of the country list.
 */
export function countryName(cc: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(cc) || cc === 'ZZ' || cc === 'XX' || cc === 'EU' || cc === 'UN') return undefined;
  try {
    const name = REGION_NAMES.of(cc);
    return name === undefined || name === cc ? undefined : name;
  } catch {
    return undefined;
  }
}
