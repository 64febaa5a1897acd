const pad = (n: number): string => String(n).padStart(2, '0');

/** The UTC hour of a time as `YYYYMMDDHH`: the spool's hour buckets and the bucket layout's hours. */
export function utcHour(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}`;
}
