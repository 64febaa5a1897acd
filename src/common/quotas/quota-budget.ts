/**
 * Wall-clock budgets (legacy rate_limit_quotas.py): each subject has a monthly, a weekly and a
 * daily budget of milliseconds. Requests spend the time they took; every hour each budget gets
 * back limit / period-hours, up to its limit. A subject may call while every budget is above zero.
 * Replenishment is computed when a record is read (whole hours since its last update) instead
 * of by an hourly sweep, so processes sharing the store never replenish twice.
 */

export const HOUR_MS = 3_600_000;

/** Seconds of wall-clock time per period. */
export interface QuotaLimits {
  month_s: number;
  week_s: number;
  day_s: number;
}

/** [hour of the last update, remaining ms of the month, week and day budgets]. */
export type BudgetRecord = [hour: number, month: number, week: number, day: number];

const PERIOD_HOURS = [30 * 24, 7 * 24, 24] as const;

export const hourIndex = (nowMs: number): number => Math.floor(nowMs / HOUR_MS);

export function limitsMs(limits: QuotaLimits): [number, number, number] {
  return [limits.month_s * 1000, limits.week_s * 1000, limits.day_s * 1000];
}

export function isBudgetRecord(value: unknown): value is BudgetRecord {
  return Array.isArray(value) && value.length === 4 && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** The record as of `nowHour`: a missing record is a full budget; budgets never exceed their limits. */
export function currentBudget(
  record: BudgetRecord | undefined,
  nowHour: number,
  limits: readonly [number, number, number],
): BudgetRecord {
  if (!record) return [nowHour, limits[0], limits[1], limits[2]];
  const hours = Math.max(0, nowHour - record[0]);
  const next: BudgetRecord = [Math.max(nowHour, record[0]), 0, 0, 0];
  for (let i = 0; i < 3; i++) {
    next[i + 1] = Math.min(limits[i], record[i + 1] + (hours * limits[i]) / PERIOD_HOURS[i]);
  }
  return next;
}

export function spend(record: BudgetRecord, ms: number): BudgetRecord {
  const cost = Math.max(0, ms);
  return [record[0], Math.max(0, record[1] - cost), Math.max(0, record[2] - cost), Math.max(0, record[3] - cost)];
}

export const isAvailable = (record: BudgetRecord): boolean => record[1] > 0 && record[2] > 0 && record[3] > 0;

export const lowestRemainingMs = (record: BudgetRecord): number => Math.min(record[1], record[2], record[3]);

export const isFull = (record: BudgetRecord, limits: readonly [number, number, number]): boolean =>
  record[1] >= limits[0] && record[2] >= limits[1] && record[3] >= limits[2];

/** Seconds until the next hourly replenishment, which always makes every budget positive again. */
export function retryAfterSeconds(nowMs: number): number {
  return Math.max(1, Math.ceil(((hourIndex(nowMs) + 1) * HOUR_MS - nowMs) / 1000));
}
