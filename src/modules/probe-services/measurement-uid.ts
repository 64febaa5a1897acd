import { createHash } from 'node:crypto';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYYMMDDHHMMSS.ffffff` in UTC; microseconds from the sub-millisecond clock. */
export function uidTimestamp(now: Date, micros: number): string {
  return (
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}.` +
    `${pad(now.getUTCMilliseconds(), 3)}${pad(micros % 1000, 3)}`
  );
}

/** `<ts>_<CC>_<testname>_<first 16 hex of sha512(body)>` (legacy `receive_measurement`). */
export function measurementUid(now: Date, micros: number, cc: string, testName: string, body: Buffer): string {
  const hash = createHash('sha512').update(body).digest('hex').slice(0, 16);
  return `${uidTimestamp(now, micros)}_${cc}_${testName}_${hash}`;
}
