import { ObjectStorage, StoredObject } from '../../../common/storage/object-storage';

export interface FileFilter {
  /** Upper-case country codes; empty: all. */
  ccs: string[];
  /** Test names without underscores; empty: all. */
  testnames: string[];
}

export interface MeasurementFile {
  key: string;
  kind: 'jsonl' | 'postcan';
  cc: string;
  testname: string;
  size: number;
}

// raw/<YYYYMMDD>/<HH>/<CC>/<testname>/<YYYYMMDDHH>_<CC>_<testname>.<host>.<counter>.(jsonl|tar).gz
const RAW_RE = /^raw\/\d{8}\/\d{2}\/([A-Z0-9]{2})\/([a-z0-9]+)\/([^/]+)\.(jsonl|tar)\.gz$/;
// jsonl/<testname>/<CC>/<YYYYMMDD>/00/<name>.jsonl.gz (measurements before 2020-10-21)
const OLD_JSONL_RE = /^jsonl\/([a-z0-9]+)\/([A-Z0-9]{2})\/(\d{8})\/\d{2}\/[^/]+\.jsonl\.gz$/;

function keep(filter: FileFilter, cc: string, testname: string): boolean {
  return (
    (filter.ccs.length === 0 || filter.ccs.includes(cc)) &&
    (filter.testnames.length === 0 || filter.testnames.includes(testname))
  );
}

/**
 * The measurement files of one day in both bucket layouts. In the current layout, where
 * an hour has both a JSONL file and a postcan, the JSONL file is read (same measurements,
 * cheaper to parse); a postcan alone is read as is.
 */
export async function listDayFiles(
  storage: ObjectStorage,
  day: string,
  filter: FileFilter,
  oldLayout: readonly StoredObject[],
): Promise<MeasurementFile[]> {
  const files: MeasurementFile[] = [];
  const raw = await storage.list(`raw/${day}/`);
  const jsonlStems = new Set<string>();
  for (const obj of raw) {
    const m = RAW_RE.exec(obj.key);
    if (m && m[4] === 'jsonl') jsonlStems.add(m[3]);
  }
  for (const obj of raw) {
    const m = RAW_RE.exec(obj.key);
    if (!m || !keep(filter, m[1], m[2])) continue;
    if (m[4] === 'tar' && jsonlStems.has(m[3])) continue;
    files.push({
      key: obj.key,
      kind: m[4] === 'jsonl' ? 'jsonl' : 'postcan',
      cc: m[1],
      testname: m[2],
      size: obj.size,
    });
  }
  for (const obj of oldLayout) {
    const m = OLD_JSONL_RE.exec(obj.key);
    if (m && m[3] === day && keep(filter, m[2], m[1])) {
      files.push({ key: obj.key, kind: 'jsonl', cc: m[2], testname: m[1], size: obj.size });
    }
  }
  return files;
}

/** Days from start (inclusive) to end (exclusive), as YYYYMMDD. */
export function daysBetween(start: Date, end: Date): string[] {
  const days: string[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += 86400_000) {
    days.push(new Date(t).toISOString().slice(0, 10).replace(/-/g, ''));
  }
  return days;
}
