import { ceilDay, utcDay } from '../../common/time/utc-day';

/** ClickHouse's `Date` range: the bounds of an open-ended window. */
const FIRST_DATE = '1970-01-01';
const LAST_DATE = '2149-06-06';

/**
 * The whole days `[first, end)` of a time range (open ends: every day): the window in which a
 * query reads the counters of the clean days (CLEAN_DAYS_SQL); every other row comes from fastpath.
 */
export interface DayWindow {
  first: string;
  end: string;
}

/**
 * The whole days inside `[since, until)`: only those can come from per-day counters, the partial
 * days at either end come from raw rows. Undefined when there is none.
 */
export function wholeDays(since: Date | undefined, until: Date | undefined): DayWindow | undefined {
  const first = since ? ceilDay(since) : FIRST_DATE;
  const end = until ? utcDay(until) : LAST_DATE;
  return first < end ? { first, end } : undefined;
}
