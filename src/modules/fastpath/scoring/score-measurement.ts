import { hasEnvelopeKeys, readEnvelope } from '../../../common/envelope/submission-envelope';
import { InvalidMeasurementError } from './errors';
import { CompiledFingerprints } from './fingerprints';
import {
  extractAnnotations,
  extractDateTime,
  extractInputDomain,
  extractProbeAsn,
  extractTestHelper,
  numberOr,
  strOr,
} from './metadata';
import { loadYamlMeasurement } from './normalize-yaml';
import { buildOpenvpnObservation } from './openvpn-observation';
import { get, gPath, has, isDict } from './py-compat';
import { dumpScores } from './py-json';
import { scorerFor } from './scorer-registry';
import { failedScores } from './scores';
import { Dict, FastpathRow, Measurement, OpenvpnObservation, Scores, TF } from './types';
import { flagWrongDate } from './wrong-date';

export interface ScoreOptions {
  measurementUid: string;
  fingerprints: CompiledFingerprints;
  /** Reference time for "from the future" checks when the uid carries no reception time. */
  now?: Date;
  filename?: string;
}

export interface ScoredMeasurement {
  row: FastpathRow;
  /** Only for openvpn measurements. */
  openvpn?: OpenvpnObservation;
  /** The exception of a scorer that threw (the row then has failed scores): for metrics and logs. */
  scorerError?: string;
}

export interface Flags {
  anomaly: boolean;
  confirmed: boolean;
  msmFailure: boolean;
}

/**
 * score_measurement: the test-specific scores, without the date check. Never throws for a dict
 * measurement: a scorer bug or unexpected content yields failed scores.
 */
export function computeScores(msm: Dict, fingerprints: CompiledFingerprints): Scores {
  return scoresOrError(msm, fingerprints).scores;
}

function scoresOrError(msm: Dict, fingerprints: CompiledFingerprints): { scores: Scores; error?: string } {
  const scorer = scorerFor(get(msm, 'test_name'));
  try {
    return { scores: scorer(msm, { fingerprints }) };
  } catch (err) {
    // scorers narrow every value they read; this is a last resort against unforeseen shapes
    return { scores: failedScores(), error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** anomaly / confirmed / msm_failure as derived by the original from the scores. */
export function deriveFlags(scores: Scores): Flags {
  const blocking = typeof scores.blocking_general === 'number' ? scores.blocking_general : 0.0;
  const accuracy = typeof scores.accuracy === 'number' ? scores.accuracy : 1.0;
  return { anomaly: blocking > 0.5, confirmed: scores.confirmed === true, msmFailure: accuracy < 0.5 };
}

const tf = (v: boolean): TF => (v ? 't' : 'f');

/**
 * Turns a raw measurement into a `fastpath` row (and an `obs_openvpn` row for openvpn).
 * Throws InvalidMeasurementError for what the original discards or cannot store: a non-object,
 * a missing report_id, probe_cc "ZZ", probe_asn "AS0", unusable metadata (test_name, probe_cc,
 * probe_asn, input, timestamps). Malformed test_keys never throw.
 */
export function scoreMeasurement(msm: unknown, opts: ScoreOptions): ScoredMeasurement {
  const m = unwrapPost(msm);
  const meta = validateMetadata(m);
  const { scores, error: scorerError } = scoresOrError(m, opts.fingerprints);
  flagWrongDate(m, opts.measurementUid, scores, opts.now);
  const flags = deriveFlags(scores);

  const annotations = extractAnnotations(m);
  const helper = extractTestHelper(m);
  const blockingType = gPath(scores, ['analysis', 'blocking_type'], '');
  const row: FastpathRow = {
    measurement_uid: opts.measurementUid,
    report_id: meta.reportId,
    input: meta.input,
    probe_cc: meta.probeCc,
    probe_asn: meta.probeAsn,
    test_name: meta.testName,
    test_start_time: meta.testStartTime,
    measurement_start_time: meta.measurementStartTime,
    filename: opts.filename ?? '',
    scores: dumpScores(scores),
    platform: annotations.platform,
    anomaly: tf(flags.anomaly),
    confirmed: tf(flags.confirmed),
    msm_failure: tf(flags.msmFailure),
    domain: meta.domain,
    software_name: strOr(m, 'software_name', ''),
    software_version: strOr(m, 'software_version', ''),
    // the original never fills the columns below: they keep the table defaults
    control_failure: '',
    blocking_general: 0,
    is_ssl_expected: 0,
    page_len: 0,
    page_len_ratio: 0,
    server_cc: '',
    server_asn: 0,
    server_as_name: '',
    test_version: strOr(m, 'test_version', ''),
    architecture: annotations.architecture,
    engine_name: annotations.engine_name,
    engine_version: annotations.engine_version,
    test_runtime: numberOr(m, 'test_runtime', 0.0),
    blocking_type: typeof blockingType === 'string' ? blockingType : '',
    test_helper_address: helper.address,
    test_helper_type: helper.type,
  };
  const scored: ScoredMeasurement = scorerError === undefined ? { row } : { row, scorerError };
  if (meta.testName !== 'openvpn') return scored;
  return { ...scored, openvpn: buildOpenvpnObservation(m, opts.measurementUid, meta) };
}

function parseYamlPost(content: string): unknown {
  try {
    return loadYamlMeasurement(content);
  } catch {
    return undefined;
  }
}

/** Probes may post {"format": "json"|"yaml", "content": ...}; the content is the measurement. */
function unwrapPost(msm: unknown): Measurement {
  if (!isDict(msm)) throw new InvalidMeasurementError('not_an_object');
  if (!hasEnvelopeKeys(msm)) return msm;
  const envelope = readEnvelope(msm, { anyCase: true });
  if (typeof envelope !== 'string') {
    const content = envelope.format === 'json' ? envelope.content : parseYamlPost(envelope.content);
    if (isDict(content)) return content;
  }
  throw new InvalidMeasurementError('not_an_object', `unusable ${String(msm.format)} post`);
}

interface ValidMetadata {
  reportId: string;
  testName: string;
  probeCc: string;
  probeAsn: number;
  input: string;
  domain: string;
  testStartTime: string;
  measurementStartTime: string;
}

function validateMetadata(m: Measurement): ValidMetadata {
  const reportId = get(m, 'report_id') ?? null;
  if (reportId === null) throw new InvalidMeasurementError('missing_report_id');
  if (typeof reportId !== 'string') throw new InvalidMeasurementError('invalid_report_id');

  const probeCc = has(m, 'probe_cc') ? m.probe_cc : '';
  if (typeof probeCc !== 'string') throw new InvalidMeasurementError('invalid_probe_cc');
  if (probeCc.toUpperCase() === 'ZZ') throw new InvalidMeasurementError('probe_cc_zz');

  const probeAsn = extractProbeAsn(m);
  const testName = get(m, 'test_name');
  if (typeof testName !== 'string') throw new InvalidMeasurementError('invalid_test_name');
  const { input, domain } = extractInputDomain(m, testName);
  return {
    reportId,
    testName,
    probeCc,
    probeAsn,
    input,
    domain,
    measurementStartTime: extractDateTime(m, 'measurement_start_time'),
    testStartTime: extractDateTime(m, 'test_start_time'),
  };
}
