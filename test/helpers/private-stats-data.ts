import { ClickHouseClient } from '@clickhouse/client';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import { scoredFixtureRows, spreadRows } from '../unit/aggregation/fastpath-fixture-rows';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of today (UTC) + offset days, computed independently of the code under test. */
export const dayOffset = (offset: number): string =>
  new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + offset * DAY_MS).toISOString().slice(0, 10);

export const dayOf = (r: FastpathRow): string => r.measurement_start_time.slice(0, 10);

/** Rows measured on days [today + from, today + to). */
export const onDays = (rows: readonly FastpathRow[], from: number, to: number): FastpathRow[] =>
  rows.filter((r) => dayOf(r) >= dayOffset(from) && dayOf(r) < dayOffset(to));

/** Rows measured after today - `months` months (ClickHouse `today() - INTERVAL n MONTH`). */
export function sinceMonths(rows: readonly FastpathRow[], months: number): FastpathRow[] {
  const now = new Date();
  const edge = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(edge.getUTCFullYear(), edge.getUTCMonth() + 1, 0)).getUTCDate();
  edge.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  const since = `${edge.toISOString().slice(0, 10)} 00:00:00`;
  return rows.filter((r) => r.measurement_start_time > since);
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

export const distinct = <T>(items: readonly T[]): number => new Set(items).size;

/** CitizenLab entries for fixture domains: facebook in the global list and a country list, yooz.ir only in Iran's. */
export const CITIZENLAB = [
  { url: 'https://www.facebook.com/', cc: 'ZZ', category_code: 'GRP' },
  { url: 'https://www.facebook.com/GayStarNews/', cc: 'AE', category_code: 'LGBT' },
  { url: 'https://fa.wikipedia.org/', cc: 'ZZ', category_code: 'CULTR' },
  { url: 'https://fa.wikipedia.org/', cc: 'IR', category_code: 'CULTR' },
  { url: 'http://archive.org', cc: 'ZZ', category_code: 'CULTR' },
  { url: 'https://yooz.ir/', cc: 'IR', category_code: 'NEWS' },
  { url: 'http://www.nmrc.org/', cc: 'IT', category_code: 'NEWS' },
  { url: 'https://www.not-measured.example/', cc: 'ZZ', category_code: 'MISC' },
].map((e) => ({ ...e, domain: new URL(e.url).hostname }));

/**
 * fastpath rows produced by the real fastpath from the fixture measurements, at their own dates
 * (years ago), plus copies spread over the last four weeks on the test networks (IT 3269/30722,
 * DE 3320, BR 28573/8167, US 7922, IR 197207): the statistics windows are relative to today.
 */
export function privateStatsRows(): FastpathRow[] {
  const base = scoredFixtureRows();
  const start = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 28 * DAY_MS);
  return [...base, ...spreadRows(base, { start, days: 25, copies: 8 })];
}

export async function insertPrivateStatsData(client: ClickHouseClient, rows: readonly FastpathRow[]): Promise<void> {
  await client.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
  await client.insert({ table: 'citizenlab', values: CITIZENLAB, format: 'JSONEachRow' });
}
