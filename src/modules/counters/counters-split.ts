import { addDays, DAY_MS, dayStart } from '../../common/time/utc-day';
import { DayWindow } from './counters-plan';

/**
 * How a query over `[since, until)` divides between the counters and `fastpath`, from the clean
 * days known in advance: the counters answer the days `[first, end)` except `rawDays` (the days
 * of that span that are not clean), `fastpath` answers `rawDays` and everything outside the span.
 * `[first, end)` runs from the first to the last clean day of the window, so `rawDays` holds only
 * the gaps between clean days (days written to since their build), never the open ends.
 */
export interface CountersSplit {
  first: string;
  end: string;
  rawDays: string[];
  /** Some rows of `[since, until)` lie outside the counters' days: the query reads fastpath too. */
  raw: boolean;
}

/** Index of the first element of sorted `days` at or after `day`. */
function lowerBound(days: readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The days of `[first, end)` not in sorted `clean` (which starts with `first`). */
function gaps(clean: readonly string[], first: string, end: string): string[] {
  const out: string[] = [];
  let k = 0;
  for (let day = first; day < end; day = addDays(day, 1)) {
    if (clean[k] === day) k++;
    else out.push(day);
  }
  return out;
}

/**
 * The split of `[since, until)` (open ends: all time) whose whole days are `window`, given the
 * clean days `clean` (sorted, oldest first); undefined when no day of the window is clean.
 */
export function splitWindow(
  window: DayWindow,
  clean: readonly string[],
  since: Date | undefined,
  until: Date | undefined,
): CountersSplit | undefined {
  const from = lowerBound(clean, window.first);
  const to = lowerBound(clean, window.end);
  if (from >= to) return undefined;
  const inWindow = clean.slice(from, to);
  const first = inWindow[0];
  const end = addDays(inWindow[inWindow.length - 1], 1);
  const span = (dayStart(end).getTime() - dayStart(first).getTime()) / DAY_MS;
  const rawDays = inWindow.length === span ? [] : gaps(inWindow, first, end);
  const edgeBefore = since === undefined || since.getTime() < dayStart(first).getTime();
  const edgeAfter = until === undefined || until.getTime() > dayStart(end).getTime();
  return { first, end, rawDays, raw: rawDays.length > 0 || edgeBefore || edgeAfter };
}
