import { FastpathRow } from '../../../src/modules/fastpath/scoring/types';

/** What the tests compare the API with: legacy counter definitions applied to rows in memory. */
export interface Counts {
  anomaly_count: number;
  confirmed_count: number;
  failure_count: number;
  measurement_count: number;
  ok_count: number;
}

export function countRows(rows: readonly FastpathRow[]): Counts {
  const c: Counts = { anomaly_count: 0, confirmed_count: 0, failure_count: 0, measurement_count: 0, ok_count: 0 };
  for (const r of rows) {
    c.measurement_count++;
    if (r.msm_failure === 't') c.failure_count++;
    else if (r.confirmed === 't') c.confirmed_count++;
    else if (r.anomaly === 't') c.anomaly_count++;
    else c.ok_count++;
  }
  return c;
}

export type Grain = 'hour' | 'day' | 'week' | 'month' | 'year';

/** The legacy label of a 'YYYY-MM-DD HH:MM:SS' time at a grain (weeks start on Sunday, ClickHouse mode 0). */
export function timeLabel(time: string, grain: Grain): string {
  const day = time.slice(0, 10);
  switch (grain) {
    case 'hour':
      return `${day}T${time.slice(11, 13)}:00:00Z`;
    case 'day':
      return day;
    case 'week': {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      return d.toISOString().slice(0, 10);
    }
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'year':
      return `${day.slice(0, 4)}-01-01`;
  }
}

export type Row = Record<string, string | number>;

/** Rows grouped by `keys(row)` (one value per axis name), sorted like ORDER BY over the axes. */
export function groupRows(
  rows: readonly FastpathRow[],
  keys: (r: FastpathRow) => Array<Record<string, string | number>>,
): Row[] {
  const groups = new Map<string, { key: Record<string, string | number>; rows: FastpathRow[] }>();
  for (const r of rows) {
    for (const key of keys(r)) {
      const id = JSON.stringify(key);
      const g = groups.get(id) ?? { key, rows: [] };
      g.rows.push(r);
      groups.set(id, g);
    }
  }
  const out: Row[] = [...groups.values()].map(({ key, rows: rs }) => sortKeys({ ...key, ...countRows(rs) }));
  const names = Object.keys([...groups.values()][0]?.key ?? {});
  return out.sort((a, b) => {
    for (const n of names) {
      if (a[n] < b[n]) return -1;
      if (a[n] > b[n]) return 1;
    }
    return 0;
  });
}

export function sortKeys<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}
