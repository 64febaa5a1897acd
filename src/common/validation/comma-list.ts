export interface CommaListOptions {
  /** Trim blanks around each item (default true; legacy `commasplit` keeps them). */
  trim?: boolean;
  /** Drop repeated items, keeping the first (default true). */
  unique?: boolean;
  /** Sort the items (legacy `commasplit`; default false). */
  sort?: boolean;
}

/**
 * The one comma-list rule for values people type (query parameters, check-in fields,
 * fingerprint countries, CLI flags): split on commas, empty items dropped, then trimmed,
 * deduplicated and sorted as asked. Validating the items is the caller's job.
 */
export function splitCommaList(text: string, opts: CommaListOptions = {}): string[] {
  const { trim = true, unique = true, sort = false } = opts;
  let items = text.split(',');
  if (trim) items = items.map((s) => s.trim());
  items = items.filter((s) => s !== '');
  if (unique) items = [...new Set(items)];
  return sort ? items.sort() : items;
}
