import { ceilDay, utcDay } from '../../common/time/utc-day';
import { SplitParams, splitParams } from '../fastpath-store/counters.sql';
import { CountersSplit } from './counters-split';

/**
 * The bounds of an open-ended window: within both `Date` and `DateTime` (which ends in 2106; a
 * later day would wrap around when compared with measurement_start_time).
 */
const FIRST_DATE = '1970-01-01';
const LAST_DATE = '2106-01-01';

/**
 * The whole days `[first, end)` of a time range (open ends: every day): the window in which a
 * query may read the counters of the clean days; every other row comes from fastpath.
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

/**
 * Query parameters of a counted source (see `countedSource`): its time range, and the days the
 * counters answer: `[counters_first, counters_end)` but `raw_days` (see CountersSplit).
 */
export interface CountedWindow extends SplitParams {
  since: string;
  until: string;
}

/** No day from the counters: an empty span. */
const NO_SPLIT: SplitParams = { counters_first: FIRST_DATE, counters_end: FIRST_DATE, raw_days: [] };

/** `YYYY-MM-DD HH:MM:SS` (UTC) of a time, rounded up to the second (DateTime has whole seconds). */
const chTime = (d: Date): string =>
  new Date(Math.ceil(d.getTime() / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The counted-source parameters of `[since, until)` (open ends: all time) divided as `split` says;
 * without a split (counters off, or no clean day in the range) every row comes from fastpath.
 */
export function countedWindow(
  since: Date | undefined,
  until: Date | undefined,
  split: CountersSplit | undefined,
): CountedWindow {
  return {
    since: since ? chTime(since) : '1970-01-01 00:00:00',
    until: until ? chTime(until) : '2106-01-01 00:00:00',
    ...(split ? splitParams(split) : NO_SPLIT),
  };
}
