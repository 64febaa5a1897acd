import { FastpathRow, OpenvpnObservation } from '../scoring/types';

/** Fingerprints are handed to workers as a JSON file, re-read when the version changes. */
export interface FingerprintsRef {
  version: number;
  file: string | null;
}

export interface ScoreTaskItem {
  measurementUid: string;
  /**
   * The submission body as received: `{"format": "json", "content": {...}}`, as UTF-8 bytes (the
   * pool moves them to the worker without copying) or text.
   */
  body: string | Uint8Array;
}

export interface ScoreTask {
  fingerprints: FingerprintsRef;
  items: ScoreTaskItem[];
}

export interface ScoreFailure {
  measurementUid: string;
  reason: string;
  /** The exception's message, for unexpected errors. */
  detail?: string;
}

/** `fastpath.is_verified`: anonymous credentials verified, failed, or unverified. */
export type VerificationCode = 't' | 'f' | 'u';

/** A fastpath row plus the columns added after the original fastpath's schema. */
export type FastpathRowOut = FastpathRow & { ooni_run_link_id?: number; is_verified?: VerificationCode };

export interface ScoreTaskResult {
  rows: FastpathRowOut[];
  openvpn: OpenvpnObservation[];
  failures: ScoreFailure[];
  /** Measurements stored with failed scores because their scorer threw (reason: the exception). */
  scorerErrors: ScoreFailure[];
}

/**
 * Scored rows ready for the `fastpath` JSONEachRow insert: their JSON lines (no trailing newline),
 * written by the worker, so the main thread neither parses nor re-serializes them.
 */
export interface EncodedRows {
  jsonl: string;
  count: number;
  /** `measurement_uid` of each row, in order (for logs). */
  uids: string[];
}

/** What a scoring worker answers: `ScoreTaskResult` with the rows encoded. */
export interface ScoredBatch {
  rows: EncodedRows;
  openvpn: OpenvpnObservation[];
  failures: ScoreFailure[];
  scorerErrors: ScoreFailure[];
}
