import { badRequest } from '../errors/api-error';
import { parseAsn } from './asn';
import { splitCommaList } from './comma-list';
import { parseUtcDate } from './utc-date';

/** A query string as Fastify hands it over: repeated keys become arrays. */
export type RawQuery = Record<string, unknown>;

/**
 * The one rule for repeated keys, legacy Flask `request.args.get`: the first value wins;
 * a value that is not a string (a nested object from `a[b]=c`) is absent.
 */
export function param(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** Legacy `commasplit`: split on commas, drop empties and duplicates, sort. */
export function commaSplit(text: string): string[] {
  return splitCommaList(text, { trim: false, sort: true });
}

/** Empty means absent, as in the legacy API. */
export function nonEmpty(query: RawQuery, name: string): string | undefined {
  const value = param(query, name);
  return value === undefined || value === '' ? undefined : value;
}

export function dateParam(query: RawQuery, name: string): Date | undefined {
  const value = nonEmpty(query, name);
  if (value === undefined) return undefined;
  const parsed = parseUtcDate(value);
  if (!parsed.ok) throw badRequest(`Invalid ${name}`);
  return parsed.date;
}

/** Legacy `param_bool`: absent/empty → undefined, "true" (any case) → true, anything else → false. */
export function boolParam(query: RawQuery, name: string): boolean | undefined {
  const value = nonEmpty(query, name);
  if (value === undefined) return undefined;
  return value.toLowerCase() === 'true';
}

export function intParam(query: RawQuery, name: string, fallback: number, min: number, max: number): number {
  const value = nonEmpty(query, name);
  if (value === undefined) return fallback;
  if (!/^-?\d{1,12}$/.test(value)) throw badRequest(`Invalid ${name}`);
  const n = Number(value);
  if (n < min || n > max) throw badRequest(`Invalid ${name}`);
  return n;
}

/** `AS123` or `123` → 123 (legacy `param_asn`, see parseAsn). */
export function asnParam(query: RawQuery, name: string): number | undefined {
  const value = nonEmpty(query, name);
  if (value === undefined) return undefined;
  const asn = parseAsn(value);
  if (asn === null) throw badRequest(`Invalid ASN value in parameter ${name}`);
  return asn;
}

/** Comma separated, deduplicated, sorted, empties dropped (legacy `commasplit`). */
export function commaListParam(query: RawQuery, name: string, item: RegExp, maxItems = 100): string[] | undefined {
  const value = nonEmpty(query, name);
  if (value === undefined) return undefined;
  const items = commaSplit(value);
  if (items.length > maxItems || items.some((i) => !item.test(i))) throw badRequest(`Invalid ${name} value`);
  return items;
}

export function matchParam(
  query: RawQuery,
  name: string,
  pattern: RegExp,
  message = `Invalid ${name}`,
): string | undefined {
  const value = nonEmpty(query, name);
  if (value === undefined) return undefined;
  if (!pattern.test(value)) throw badRequest(message);
  return value;
}
