import { randomFillSync } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const ID_RANDOM_CHARS = 16;

/**
 * Alphanumeric characters from one process-wide buffer of random bytes, refilled (one
 * `randomFillSync`) when used up: a check-in needs 24 ids, and a system call and a buffer per
 * request were a tenth of its cost. Each byte is used once.
 */
class AlnumPool {
  private readonly bytes = Buffer.allocUnsafeSlow(16 * 1024);
  private pos = this.bytes.length;

  take(length: number): string {
    let out = '';
    while (out.length < length) {
      if (this.pos === this.bytes.length) {
        randomFillSync(this.bytes);
        this.pos = 0;
      }
      const b = this.bytes[this.pos++];
      // Rejection sampling keeps the 62 symbols equally likely.
      if (b < 248) out += ALNUM[b % 62];
    }
    return out;
  }
}

const alnum = new AlnumPool();

/** `20240101T120000Z` of the last second asked for (a check-in formats one per request). */
let lastSecond = NaN;
let lastCompact = '';

function compactUtc(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastCompact = date
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, 'Z');
    lastSecond = second;
  }
  return lastCompact;
}

/** The test name part of report ids: lower case, without `_` (the check-in's names, kept). */
const squashedNames = new Map<string, string>();

function squashedTestName(testName: string): string {
  let name = squashedNames.get(testName);
  if (name === undefined) {
    name = testName.toLowerCase().replace(/_/g, '');
    if (squashedNames.size < 1000) squashedNames.set(testName, name);
  }
  return name;
}

/**
 * One report id per test name, `20240101T120000Z_webconnectivity_IT_3269_n1_<16 alnum>` (legacy
 * `generate_report_id`): one formatted timestamp for all of them.
 */
export function generateReportIds(
  testNames: readonly string[],
  cc: string,
  asn: number,
  collectorId: string,
  now = new Date(),
): string[] {
  const prefix = `${compactUtc(now)}_`;
  const suffix = `_${cc}_${asn}_n${collectorId}_`;
  return testNames.map((testName) => prefix + squashedTestName(testName) + suffix + alnum.take(ID_RANDOM_CHARS));
}

/** `20240101T120000Z_webconnectivity_IT_3269_n1_<16 alnum>` (legacy `generate_report_id`). */
export function generateReportId(
  testName: string,
  cc: string,
  asn: number,
  collectorId: string,
  now = new Date(),
): string {
  return generateReportIds([testName], cc, asn, collectorId, now)[0];
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
