import { InvalidMeasurementError } from './errors';
import { formatDateTime, get, gOr, gPath, has, isDict, parsePyDateTime } from './py-compat';
import { Dict } from './types';
import { urlNetloc } from './url-netloc';

/** The `input` and `domain` columns; legacy meek measurements have a list of inputs. */
export function extractInputDomain(msm: Dict, testName: string): { input: string; domain: string } {
  const raw = get(msm, 'input');
  if (raw === undefined || raw === null || raw === '') return { input: '', domain: '' };
  if (testName === 'meek_fronted_requests_test' && Array.isArray(raw)) {
    if (raw.length === 0) return { input: '', domain: '' };
    if (!raw.every((i): i is string => typeof i === 'string')) throw new InvalidMeasurementError('invalid_input');
    return { input: '{' + raw.join(',') + '}', domain: raw[0] };
  }
  if (typeof raw !== 'string') throw new InvalidMeasurementError('invalid_input', `type ${typeof raw}`);
  return { input: raw, domain: urlNetloc(raw) };
}

/** "AS123" -> 123 (the original slices the first two characters off). */
export function extractProbeAsn(msm: Dict): number {
  const asn = get(msm, 'probe_asn');
  if (!has(msm, 'probe_asn')) throw new InvalidMeasurementError('invalid_probe_asn', 'missing');
  if (typeof asn !== 'string') throw new InvalidMeasurementError('invalid_probe_asn', `type ${typeof asn}`);
  if (asn.toUpperCase() === 'AS0') throw new InvalidMeasurementError('probe_asn_zero');
  const digits = asn.slice(2).trim();
  if (!/^[+-]?\d+$/.test(digits)) throw new InvalidMeasurementError('invalid_probe_asn', asn);
  const n = Number(digits);
  if (n > 2147483647 || n < -2147483648) throw new InvalidMeasurementError('invalid_probe_asn', asn);
  return n;
}

/** A '%Y-%m-%d %H:%M:%S' timestamp re-formatted zero-padded for ClickHouse. */
export function extractDateTime(msm: Dict, key: 'test_start_time' | 'measurement_start_time'): string {
  const v = get(msm, key);
  const ms = parsePyDateTime(v);
  if (ms === undefined) throw new InvalidMeasurementError(`invalid_${key}`, JSON.stringify(v ?? null));
  // the usual zero-padded form is already what ClickHouse expects
  return typeof v === 'string' && v.length === 19 ? v : formatDateTime(ms);
}

/** A string column read with dget_or semantics; non-string values fall back to the default. */
export function strOr(d: unknown, key: string, dflt: string): string {
  const v = gOr(d, key, dflt);
  return typeof v === 'string' ? v : dflt;
}

export function numberOr(d: unknown, key: string, dflt: number): number {
  const v = gOr(d, key, dflt);
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

export interface Annotations {
  platform: string;
  architecture: string;
  engine_name: string;
  engine_version: string;
}

export function extractAnnotations(msm: Dict): Annotations {
  const annot = get(msm, 'annotations');
  const a = isDict(annot) ? annot : {};
  return {
    platform: strOr(a, 'platform', 'unset'),
    architecture: strOr(a, 'architecture', ''),
    engine_name: strOr(a, 'engine_name', ''),
    engine_version: strOr(a, 'engine_version', ''),
  };
}

/** test_helpers.backend.{address,type}; "" when backend is not a dict (e.g. a bare address). */
export function extractTestHelper(msm: Dict): { address: string; type: string } {
  const backend = gPath(msm, ['test_helpers', 'backend'], {});
  if (!isDict(backend)) return { address: '', type: '' };
  return { address: strOr(backend, 'address', ''), type: strOr(backend, 'type', '') };
}
