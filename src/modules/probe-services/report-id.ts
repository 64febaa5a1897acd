import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps the 62 symbols equally likely.
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    if (bytes[i] < 248) out += ALNUM[bytes[i] % 62];
  }
  return out.length === length ? out : out + randomAlnum(length - out.length);
}

function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** `20240101T120000Z_webconnectivity_IT_3269_n1_<16 alnum>` (legacy `generate_report_id`). */
export function generateReportId(
  testName: string,
  cc: string,
  asn: number,
  collectorId: string,
  now = new Date(),
): string {
  const name = testName.toLowerCase().replace(/_/g, '');
  return `${compactUtc(now)}_${name}_${cc}_${asn}_n${collectorId}_${randomAlnum(16)}`;
}

const TEST_NAME_RE = /^[a-z0-9]{2,29}$/;

/**
 * The test name part of a new report id (legacy: lower case, underscores dropped), or null
 * when it would make an id that `parseReportId` refuses: never hand out an unusable id.
 */
export function reportTestName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.toLowerCase().replace(/_/g, '');
  return TEST_NAME_RE.test(name) ? name : null;
}

export interface ParsedReportId {
  testName: string;
  cc: string;
  asn: number;
}

/**
 * Parses a report id back, with the legacy rules: six `_`-separated parts, a 2-character
 * CC, an alphanumeric test name of 2 to 29 characters and an integer ASN. Null otherwise.
 */
export function parseReportId(reportId: string): ParsedReportId | null {
  if (reportId.length > 200) return null;
  const parts = reportId.split('_');
  if (parts.length !== 6) return null;
  const [, testName, cc, asn] = parts;
  if (!/^[A-Za-z0-9]{2}$/.test(cc) || !/^[A-Za-z0-9]{2,29}$/.test(testName) || !/^[0-9]{1,10}$/.test(asn)) return null;
  return { testName, cc, asn: Number(asn) };
}

/** Legacy open-report coercion: a CC that is not 2 characters becomes ZZ, an unparsable ASN 0. */
export function coerceProbeCc(value: unknown): string {
  const cc = typeof value === 'string' ? value.toUpperCase().replace(/_/g, '') : 'ZZ';
  return /^[A-Z0-9]{2}$/.test(cc) ? cc : 'ZZ';
}

export function coerceProbeAsn(value: unknown): number {
  const asn = typeof value === 'string' ? value.toUpperCase() : 'AS0';
  if (asn.length > 12 || asn.length < 3 || !asn.startsWith('AS')) return 0;
  const digits = asn.slice(2);
  return /^[0-9]+$/.test(digits) ? Number(digits) : 0;
}
