// ClickHouse DateTime covers 1970-01-01 .. 2106-02-07: anything outside cannot be a measurement time.
const MIN_DATE_MS = Date.UTC(1970, 0, 1);
const MAX_DATE_MS = Date.UTC(2106, 0, 1);
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type DateParse = { ok: true; date: Date } | { ok: false; reason: 'format' | 'range' };

/** Minutes east of UTC of `Z`, `+02:00`, `-0530`; NaN for an impossible offset (`+25:00`). */
function offsetMinutes(tz: string | undefined): number {
  if (!tz || tz === 'Z') return 0;
  const digits = tz.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hours > 23 || minutes > 59) return NaN;
  return (tz.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * The one date rule of every route (legacy `param_date`, dateutil): `2024-01-31`,
 * `2024-01-31T10:30`, `2024-01-31 10:30:00[.fffffffff][Z|±hh:mm]`; no offset means UTC.
 * Impossible dates (2024-02-31) are refused, not rolled over; so are dates ClickHouse cannot store.
 */
export function parseUtcDate(text: string): DateParse {
  const m = DATE_RE.exec(text.trim());
  if (!m) return { ok: false, reason: 'format' };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const check = new Date(Date.UTC(...parts));
  const valid = check.getUTCMonth() === parts[1] && check.getUTCDate() === parts[2] && check.getUTCHours() === parts[3];
  const offset = offsetMinutes(tz);
  if (!valid || parts[4] > 59 || parts[5] > 59 || Number.isNaN(offset)) return { ok: false, reason: 'format' };
  const ms = check.getTime() + Math.floor(Number(`0.${frac || '0'}`) * 1000) - offset * 60_000;
  if (ms < MIN_DATE_MS || ms >= MAX_DATE_MS) return { ok: false, reason: 'range' };
  return { ok: true, date: new Date(ms) };
}
