import { get, parsePyDateTime, utcMillis } from './py-compat';
import { Dict, Scores } from './types';

const FUTURE_TOLERANCE_S = 3600;
const MAX_AGE_S = 365 * 24 * 3600;

/**
 * The reception time encoded in a measurement_uid such as
 * 20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3 (received at 2025-05-27 23:31:11.802678),
 * in ms; undefined for other ids.
 */
export function receptionTimeFromUid(uid: string): number | undefined {
  if (uid.length < 22 || uid[14] !== '.' || uid[21] !== '_') return undefined;
  let v = 0;
  const num = (from: number, to: number): number => {
    v = 0;
    for (let i = from; i < to; i++) {
      const d = uid.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      v = v * 10 + d;
    }
    return v;
  };
  const parts = [num(0, 4), num(4, 6), num(6, 8), num(8, 10), num(10, 12), num(12, 14), num(15, 21)];
  if (parts.some(Number.isNaN)) return undefined;
  const ms = utcMillis(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
  return ms === undefined ? undefined : ms + parts[6] / 1000;
}

/**
 * Flags (accuracy 0) measurements whose start time is more than an hour after their reception
 * ("from the future") or more than a year before it. The reception time comes from the
 * measurement_uid; `now` is used only for ids that carry no timestamp.
 */
export function flagWrongDate(msm: Dict, measurementUid: string, scores: Scores, now?: Date): void {
  const received = receptionTimeFromUid(measurementUid) ?? now?.getTime();
  if (received === undefined) return;
  const start = parsePyDateTime(get(msm, 'measurement_start_time') ?? '');
  if (start === undefined) return;
  const deltaS = (received - start) / 1000;
  if (deltaS < -FUTURE_TOLERANCE_S) {
    scores.accuracy = 0.0;
    scores.msg = 'Measurement start time from the future';
  } else if (deltaS > MAX_AGE_S) {
    scores.accuracy = 0.0;
    scores.msg = 'Measurement start time too old';
  }
}
