import { addDays, ceilDay, utcDay } from '../../common/time/utc-day';

/** ClickHouse's `Date` range: the bounds of an open-ended window. */
const FIRST_DATE = '1970-01-01';
const LAST_DATE = '2149-06-06';

/** The whole days `[first, end)` of a time range (open ends: every day). */
export interface DayWindow {
  first: string;
  end: string;
}

/**
 * Which rows of a query come from the counters: `cleanDays` (whole days whose counters are up to
 * date). Every other row comes from `fastpath`: those before `from` or from `to` on (`YYYY-MM-DD
 * 00:00:00`, the first clean day's start and the last one's end) and those of `rawDays`, the days
 * in between that are not clean.
 */
export interface CountersPlan {
  cleanDays: string[];
  rawDays: string[];
  from: string;
  to: string;
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

/** The plan for the clean days of a window; undefined when there is none (the query reads only fastpath). */
export function planFromCleanDays(clean: readonly string[]): CountersPlan | undefined {
  if (clean.length === 0) return undefined;
  const cleanDays = [...clean].sort();
  const isClean = new Set(cleanDays);
  const last = cleanDays[cleanDays.length - 1];
  const rawDays: string[] = [];
  for (let d = cleanDays[0]; d < last; d = addDays(d, 1)) if (!isClean.has(d)) rawDays.push(d);
  return { cleanDays, rawDays, from: `${cleanDays[0]} 00:00:00`, to: `${addDays(last, 1)} 00:00:00` };
}
