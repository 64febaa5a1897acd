/** A JSON object as produced by JSON.parse: the loose shape of every measurement sub-document. */
export type Dict = Record<string, unknown>;

/**
 * A raw measurement as sent by a probe (or produced by the legacy YAML normalizer). Every field is
 * untrusted: scorers narrow each value before using it.
 */
export interface Measurement extends Dict {
  report_id?: unknown;
  test_name?: unknown;
  test_version?: unknown;
  input?: unknown;
  probe_cc?: unknown;
  probe_asn?: unknown;
  measurement_start_time?: unknown;
  test_start_time?: unknown;
  software_name?: unknown;
  software_version?: unknown;
  test_runtime?: unknown;
  annotations?: unknown;
  test_helpers?: unknown;
  test_keys?: unknown;
}

/** The `fingerprints` entry stored in `scores` for each matched fingerprint ("minifp" in the original). */
export interface MiniFingerprint {
  name: string;
  scope: string;
  location_found: string;
  confidence_no_fp: number;
  expected_countries: string[];
}

/**
 * The scores object serialized into `fastpath.scores`. The well-known keys are typed; scorers add
 * test-specific keys (extra, analysis, msg, counters...) whose values partly come from the measurement.
 */
export interface Scores {
  [key: string]: unknown;
  blocking_general?: number;
  blocking_global?: number;
  blocking_country?: number;
  blocking_isp?: number;
  blocking_local?: number;
  accuracy?: number;
  confirmed?: boolean;
  msg?: string;
  analysis?: Dict;
  extra?: Dict;
  fingerprints?: MiniFingerprint[];
}

export type TF = 't' | 'f';

/** One row of the ClickHouse `fastpath` table, ready for JSONEachRow. */
export interface FastpathRow {
  measurement_uid: string;
  report_id: string;
  input: string;
  probe_cc: string;
  probe_asn: number;
  test_name: string;
  /** 'YYYY-MM-DD HH:MM:SS' UTC */
  test_start_time: string;
  /** 'YYYY-MM-DD HH:MM:SS' UTC */
  measurement_start_time: string;
  filename: string;
  /** JSON text, serialized like the original (ujson.dumps) */
  scores: string;
  platform: string;
  anomaly: TF;
  confirmed: TF;
  msm_failure: TF;
  domain: string;
  software_name: string;
  software_version: string;
  control_failure: string;
  blocking_general: number;
  is_ssl_expected: number;
  page_len: number;
  page_len_ratio: number;
  server_cc: string;
  server_asn: number;
  server_as_name: string;
  test_version: string;
  architecture: string;
  engine_name: string;
  engine_version: string;
  test_runtime: number;
  blocking_type: string;
  test_helper_address: string;
  test_helper_type: string;
}

/** 0/1 flags: the obs_openvpn boolean-ish columns are Int8. */
export type Bit = 0 | 1;

/** One row of the ClickHouse `obs_openvpn` table, written in addition to the fastpath row for openvpn. */
export interface OpenvpnObservation {
  anomaly: Bit;
  bootstrap_time: number;
  confirmed: Bit;
  error: string;
  failure: string;
  input: string;
  last_handshake_transaction_id: number;
  measurement_start_time: string;
  measurement_uid: string;
  minivpn_version: string;
  obfs4_version: string;
  obfuscation: string;
  platform: string;
  probe_asn: number;
  probe_cc: string;
  probe_network_name: string;
  provider: string;
  remote: string;
  report_id: string;
  resolver_asn: number;
  resolver_ip: string;
  resolver_network_name: string;
  software_name: string;
  software_version: string;
  success: Bit;
  success_handshake: Bit;
  success_icmp: Bit;
  success_urlgrab: Bit;
  tcp_connect_status_success: Bit;
  test_runtime: number;
  test_start_time: string;
  transport: string;
}

export type PatternType = 'full' | 'prefix' | 'contains' | 'regexp';

/** A row of the `fingerprints_dns` / `fingerprints_http` tables. */
export interface FingerprintRecord {
  name: string;
  scope: string;
  other_names?: string;
  location_found: string;
  /** A PatternType; unknown values are ignored. */
  pattern_type: string;
  pattern: string;
  confidence_no_fp: number;
  /** Comma separated country codes as stored in the DB (an array is accepted too). */
  expected_countries: string | string[];
}
