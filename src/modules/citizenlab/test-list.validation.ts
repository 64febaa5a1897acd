import { EditableEntry, GLOBAL_CC, GLOBAL_LIST } from './test-list.format';

/**
 * The legacy URL rule (ooniapi `check_url`, analysis `_extract_domain`): http(s), a host name
 * with a dotted TLD-like suffix or an IPv4 address, optional port, then a path or query
 * without whitespace. Group 1 is the host.
 */
const VALID_URL =
  /^https?:\/\/((?:(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+(?:[A-Z]{2,6}\.?|[A-Z0-9-]{2,}\.?)|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}))(?::\d+)?(?:\/?|[/?]\S+)$/i;

/** Characters that would break a CSV line or a path (legacy BAD_CHARS). */
const BAD_URL_CHARS = /[\r\n\t\\]/;
/** Field injection: a line break in any field would smuggle a row into the list. */
const LINE_BREAK = /[\r\n]/;

export const MAX_URL_LENGTH = 2048;
export const MAX_FIELD_LENGTH = 4096;

/** Region codes that are not countries (ICU knows them as regions). */
const NOT_COUNTRIES = new Set([GLOBAL_CC, 'EU', 'EZ', 'UN', 'QO']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export type EntryProblem = 'url' | 'category_code' | 'date_added' | 'field';

/** The host of a valid test-list URL, or null when the URL breaks the legacy rule. */
export function urlHost(url: string): string | null {
  if (url.length > MAX_URL_LENGTH || BAD_URL_CHARS.test(url) || url !== url.trim()) return null;
  const m = VALID_URL.exec(url);
  if (!m) return null;
  // Legacy also wants a path: urlparse('http://a.org?x').path is empty.
  const afterHost = url.slice(url.indexOf('://') + 3).search(/[/?#]/);
  if (afterHost === -1 || url.slice(url.indexOf('://') + 3)[afterHost] !== '/') return null;
  return m[1];
}

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** An ISO 3166 alpha-2 country (upper case), known to ICU or listed in the repository's legend. */
export function isCountryCode(cc: string, legend: ReadonlySet<string> = new Set()): boolean {
  if (!/^[A-Z]{2}$/.test(cc) || NOT_COUNTRIES.has(cc)) return false;
  return legend.has(cc) || regionNames.of(cc) !== cc;
}

/**
 * The list a country code names: `global` or a lower-case country code. Anything else
 * (path tricks, regional lists, unknown codes) is null.
 */
export function listName(countryCode: string, legend: ReadonlySet<string> = new Set()): string | null {
  const lower = countryCode.toLowerCase();
  if (lower === GLOBAL_LIST) return GLOBAL_LIST;
  return isCountryCode(countryCode.toUpperCase(), legend) ? lower : null;
}

/** The first problem of an entry (legacy `validate_entry` plus field injection), or null. */
export function entryProblem(entry: EditableEntry, categories: ReadonlyMap<string, string>): EntryProblem | null {
  for (const value of Object.values(entry)) {
    if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH || LINE_BREAK.test(value)) return 'field';
  }
  if (urlHost(entry.url) === null) return 'url';
  if (!categories.has(entry.category_code)) return 'category_code';
  if (!isIsoDay(entry.date_added)) return 'date_added';
  return null;
}
