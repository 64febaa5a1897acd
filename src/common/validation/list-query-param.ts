import { badRequest } from '../errors/api-error';
import { splitCommaList } from './comma-list';

/**
 * Every value of a query parameter that may repeat (`?cc=IT&cc=DE`, as the newer OONI
 * services read lists) or be comma separated (`?cc=IT,DE`, as the legacy API): trimmed,
 * deduplicated, empties dropped. A value not matching `item`, or too many, is a 400.
 */
export function listQueryParam(
  value: string | string[] | undefined,
  name: string,
  item: RegExp,
  maxItems = 100,
): string[] {
  const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const items = [...new Set(raw.flatMap((v) => splitCommaList(String(v))))];
  if (items.length > maxItems || items.some((i) => !item.test(i))) throw badRequest(`Invalid ${name} value`);
  return items;
}
