/**
 * The time windows of the Explorer statistics as `[since, until)` (UTC), computed once per answer
 * so the counters and fastpath parts of a query agree. The legacy SQL's exclusive lower bounds
 * (`measurement_start_time > X`) become X + 1 s: DateTime has whole seconds.
 */
export interface StatsWindow {
  since?: Date;
  until?: Date;
}

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

const midnight = (now: Date): Date => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

/** The first day of the month `months` months after now's (ClickHouse `toStartOfMonth(addMonths(now(), n))`). */
const startOfMonth = (now: Date, months: number): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));

/** `today() - INTERVAL n MONTH`: the same day of the month, clamped to the month's last day. */
function monthsBefore(now: Date, months: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(now.getUTCDate(), lastDay)));
}

const after = (d: Date): Date => new Date(d.getTime() + SECOND_MS);

/** (start of the month 24 months ago, start of next month): the `*_by_month` charts. */
export const last24Months = (now: Date): StatsWindow => ({
  since: after(startOfMonth(now, -24)),
  until: startOfMonth(now, 1),
});

/** [today - 31 days, today). */
export const last31Days = (now: Date): StatsWindow => ({
  since: new Date(midnight(now).getTime() - 31 * DAY_MS),
  until: midnight(now),
});

/** (today - 6 months, now]: vanilla_tor_stats. */
export const last6Months = (now: Date): StatsWindow => ({ since: after(monthsBefore(now, 6)) });

/** Since OONI's first measurements (legacy `> '2012-12-01'`). */
export const sinceOoniStart = (): StatsWindow => ({ since: after(new Date('2012-12-01T00:00:00Z')) });

/** Every row. */
export const allTime = (): StatsWindow => ({});
