import { parseUtcDate } from '../../common/validation/query-params';

// `incidents` stores DateTime (seconds, 1970 … 2106): refuse what it cannot hold.
const MIN_UNIX = 0;
const MAX_UNIX = Date.UTC(2106, 0, 1) / 1000;
const OFFSET_RE = /([+-])(\d{2}):?(\d{2})$/;

/**
 * Seconds since the epoch of an ISO 8601 time as Explorer and the newer API send it
 * (`2024-01-31T00:00:00Z`, `2024-01-31T00:00:00.000000Z`, `2024-01-31T02:00:00+02:00`,
 * `2024-01-31`; no offset means UTC), or null when malformed or out of range.
 * Sub-second digits are dropped: the column has a one-second resolution.
 */
export function parseIncidentTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  let text = value.trim();
  let offsetSeconds = 0;
  const offset = OFFSET_RE.exec(text);
  if (offset && /T|\s/.test(text)) {
    const [, sign, hh, mm] = offset;
    if (+hh > 23 || +mm > 59) return null;
    offsetSeconds = (sign === '-' ? -1 : 1) * (+hh * 3600 + +mm * 60);
    text = text.slice(0, offset.index);
  }
  const date = parseUtcDate(text);
  if (!date) return null;
  const unix = Math.floor(date.getTime() / 1000) - offsetSeconds;
  return unix >= MIN_UNIX && unix < MAX_UNIX ? unix : null;
}

/** The newer API's time format (`%Y-%m-%dT%H:%M:%S.%fZ`): `2024-01-31T00:00:00.000000Z`. */
export function formatIncidentTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 19)}.000000Z`;
}
