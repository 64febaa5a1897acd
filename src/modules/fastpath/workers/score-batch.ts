import * as fs from 'node:fs';
import { envelopeIsVerified, jsonEnvelopeContent } from '../../../common/envelope/submission-envelope';
import { InvalidMeasurementError } from '../scoring/errors';
import { CompiledFingerprints, compileFingerprints, EMPTY_FINGERPRINTS } from '../scoring/fingerprints';
import { parseJson } from '../scoring/lazy-json';
import { scoreMeasurement } from '../scoring/score-measurement';
import { FingerprintRecord } from '../scoring/types';
import { FastpathRowOut, FingerprintsRef, ScoreTask, ScoreTaskResult, VerificationCode } from './score-task';

let current: { version: number; fingerprints: CompiledFingerprints } = {
  version: -1,
  fingerprints: EMPTY_FINGERPRINTS,
};

function fingerprintsFor(ref: FingerprintsRef): CompiledFingerprints {
  if (ref.version === current.version) return current.fingerprints;
  let fingerprints = EMPTY_FINGERPRINTS;
  if (ref.file) {
    const { dns, http } = JSON.parse(fs.readFileSync(ref.file, 'utf8')) as {
      dns: FingerprintRecord[];
      http: FingerprintRecord[];
    };
    fingerprints = compileFingerprints(dns, http);
  }
  current = { version: ref.version, fingerprints };
  return fingerprints;
}

/** `annotations.ooni_run_link_id` of measurements started from an OONI Run link. */
function oonirunLinkId(post: unknown): number | undefined {
  const annotations = jsonEnvelopeContent(post)?.annotations as { ooni_run_link_id?: unknown } | undefined;
  const value = annotations?.ooni_run_link_id;
  const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * The submission's anonymous-credentials verification (`is_verified` of the POST envelope, set by
 * the probe services): 't', 'f' or 'u'; anything else is 'u' (original fastpath `process_measurement`).
 */
export function verificationCode(post: unknown): VerificationCode {
  const value = envelopeIsVerified(post);
  return value === 't' || value === 'f' ? value : 'u';
}

/**
 * Parses and scores a batch of submissions (runs inside a worker thread). A bad
 * measurement becomes a failure entry, never an exception for the whole batch.
 */
export function scoreBatch(task: ScoreTask): ScoreTaskResult {
  const fingerprints = fingerprintsFor(task.fingerprints);
  const result: ScoreTaskResult = { rows: [], openvpn: [], failures: [], scorerErrors: [] };
  for (const item of task.items) {
    try {
      const post: unknown = parseJson(item.body);
      const scored = scoreMeasurement(post, { measurementUid: item.measurementUid, fingerprints });
      const runId = oonirunLinkId(post);
      const row: FastpathRowOut = { ...scored.row, is_verified: verificationCode(post) };
      if (runId !== undefined) row.ooni_run_link_id = runId;
      result.rows.push(row);
      if (scored.openvpn) result.openvpn.push(scored.openvpn);
      if (scored.scorerError !== undefined) {
        result.scorerErrors.push({
          measurementUid: item.measurementUid,
          reason: 'scorer_exception',
          detail: scored.scorerError,
        });
      }
    } catch (err) {
      const reason =
        err instanceof InvalidMeasurementError
          ? err.reason
          : err instanceof SyntaxError
            ? 'invalid_json'
            : err instanceof RangeError
              ? 'too_deep'
              : 'scoring_error';
      const detail = reason === 'scoring_error' ? String((err as Error)?.stack ?? err).slice(0, 500) : undefined;
      result.failures.push({ measurementUid: item.measurementUid, reason, ...(detail ? { detail } : {}) });
    }
  }
  return result;
}
