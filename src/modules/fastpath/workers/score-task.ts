import { FastpathRow, OpenvpnObservation } from '../scoring/types';

/** Fingerprints are handed to workers as a JSON file, re-read when the version changes. */
export interface FingerprintsRef {
  version: number;
  file: string | null;
}

export interface ScoreTaskItem {
  measurementUid: string;
  /** The submission body as received: `{"format": "json", "content": {...}}`. */
  body: string;
}

export interface ScoreTask {
  fingerprints: FingerprintsRef;
  items: ScoreTaskItem[];
}

export interface ScoreFailure {
  measurementUid: string;
  reason: string;
}

export interface ScoreTaskResult {
  rows: FastpathRow[];
  openvpn: OpenvpnObservation[];
  failures: ScoreFailure[];
}
