/** UTC calendar days as `YYYY-MM-DD` strings (ClickHouse `Date` literals). */

export const DAY_MS = 86_400_000;

/** The UTC day a time falls in. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of a `YYYY-MM-DD` day. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return utcDay(new Date(dayStart(day).getTime() + n * DAY_MS));
}

/** The first day starting at or after `date`: the first whole day of a range that starts at `date`. */
export function ceilDay(date: Date): string {
  const floor = utcDay(date);
  return dayStart(floor).getTime() === date.getTime() ? floor : addDays(floor, 1);
}

/** `YYYYMM` of a day: the month partition of the counters tables. */
export function monthOf(day: string): number {
  return Number(day.slice(0, 4)) * 100 + Number(day.slice(5, 7));
}
