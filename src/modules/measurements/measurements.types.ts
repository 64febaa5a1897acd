/** A `fastpath` row as the search and metadata queries return it (times already RFC 3339). */
export interface FastpathSearchRow {
  measurement_uid: string;
  report_id: string;
  probe_cc: string;
  probe_asn: number;
  test_name: string;
  measurement_start_time_z: string;
  test_start_time_z: string;
  input: string;
  anomaly: string;
  confirmed: string;
  msm_failure: string;
  scores: string;
  /** 't' verified, 'f' failed, 'u' unverified */
  is_verified: string;
}
