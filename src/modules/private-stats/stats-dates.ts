const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of today (UTC) plus `offset` days. */
export function utcDay(offset: number, now: Date = new Date()): string {
  const midnight = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return new Date(midnight + offset * DAY_MS).toISOString().slice(0, 10);
}

/** Days today+from … today+to-1, oldest first. */
export function utcDays(from: number, to: number, now: Date = new Date()): string[] {
  const days: string[] = [];
  for (let d = from; d < to; d++) days.push(utcDay(d, now));
  return days;
}

/** '2020-08-01' → '2020-08-01T00:00:00+00:00' (legacy `isomid` / `expand_dates`). */
export function isoMidnight(day: string): string {
  return `${day.slice(0, 10)}T00:00:00+00:00`;
}
