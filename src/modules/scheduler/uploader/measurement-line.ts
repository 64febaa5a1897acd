import { submittedMeasurement } from '../../../common/spool/submitted-measurement';

/** One line of a JSONL file and the `jsonl` columns taken from the measurement. */
export interface MeasurementLine {
  /** The probe's content as sent, on one line, with its trailing newline. */
  line: Buffer;
  reportId: string;
  input: string;
  /** False when the submission could not be read: the line then only carries the uid. */
  parsed: boolean;
}

/** Legacy meek measurements have a list of inputs: stored as `{a,b}` like the fastpath does. */
export function inputColumn(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && raw.length > 0 && raw.every((i) => typeof i === 'string')) return `{${raw.join(',')}}`;
  return '';
}

const stringColumn = (raw: unknown): string => (typeof raw === 'string' ? raw : '');

/**
 * A spooled submission's JSONL line: the probe's content unchanged (no `measurement_uid` is
 * added; the `jsonl` table maps uids to lines). An unreadable submission gets a placeholder
 * line naming its uid, so that line numbers stay aligned; it is not indexed.
 */
export function measurementLine(post: Buffer, uid: string): MeasurementLine {
  const msm = submittedMeasurement(post);
  if (!msm) {
    return {
      line: Buffer.from(`{"measurement_uid":${JSON.stringify(uid)}}\n`),
      reportId: '',
      input: '',
      parsed: false,
    };
  }
  return {
    line: Buffer.concat([msm.body, Buffer.from('\n')]),
    reportId: stringColumn(msm.field('report_id')),
    input: inputColumn(msm.field('input')),
    parsed: true,
  };
}
