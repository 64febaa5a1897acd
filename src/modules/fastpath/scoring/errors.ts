/**
 * Why a measurement cannot become a fastpath row. The original fastpath silently drops these (it either
 * discards them explicitly or crashes while building the row), so callers should count and skip them.
 */
export type InvalidMeasurementReason =
  | 'not_an_object'
  | 'missing_report_id'
  | 'invalid_report_id'
  | 'invalid_test_name'
  | 'probe_cc_zz'
  | 'invalid_probe_cc'
  | 'probe_asn_zero'
  | 'invalid_probe_asn'
  | 'invalid_input'
  | 'invalid_test_start_time'
  | 'invalid_measurement_start_time';

export class InvalidMeasurementError extends Error {
  constructor(
    readonly reason: InvalidMeasurementReason,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'InvalidMeasurementError';
  }
}

/** A legacy YAML report whose framing ("---" / "..." documents) is broken. */
export class YamlReportError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'YamlReportError';
  }
}
