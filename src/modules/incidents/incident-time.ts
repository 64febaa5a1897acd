import { parseUtcDate } from '../../common/validation/utc-date';

/**
 * Seconds since the epoch of an ISO 8601 time as Explorer and the newer API send it
 * (`2024-01-31T00:00:00Z`, `2024-01-31T00:00:00.000000Z`, `2024-01-31T02:00:00+02:00`,
 * `2024-01-31`; no offset means UTC), or null when malformed or out of range.
 * Sub-second digits are dropped: the column has a one-second resolution.
 */
export function parseIncidentTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const parsed = parseUtcDate(value);
  return parsed.ok ? Math.floor(parsed.date.getTime() / 1000) : null;
}

/** The newer API's time format (`%Y-%m-%dT%H:%M:%S.%fZ`): `2024-01-31T00:00:00.000000Z`. */
export function formatIncidentTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 19)}.000000Z`;
}
