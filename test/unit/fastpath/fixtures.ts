import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledFingerprints, compileFingerprints } from '../../../src/modules/fastpath/scoring/fingerprints';
import { normalizeYamlReport } from '../../../src/modules/fastpath/scoring/normalize-yaml';
import { Dict, FingerprintRecord } from '../../../src/modules/fastpath/scoring/types';

export const FIXTURES_DIR = join(__dirname, '../../fixtures');
export const MEASUREMENTS_DIR = join(FIXTURES_DIR, 'measurements');

export function loadFingerprintRecords(): { dns: FingerprintRecord[]; http: FingerprintRecord[] } {
  const read = (name: string): FingerprintRecord[] =>
    JSON.parse(readFileSync(join(FIXTURES_DIR, 'data', name), 'utf8')) as FingerprintRecord[];
  return { dns: read('fingerprints_dns.json'), http: read('fingerprints_http.json') };
}

let compiled: CompiledFingerprints | undefined;

/** The fixture fingerprints, compiled once per test file. */
export function fixtureFingerprints(): CompiledFingerprints {
  if (!compiled) {
    const { dns, http } = loadFingerprintRecords();
    compiled = compileFingerprints(dns, http);
  }
  return compiled;
}

export function listMeasurementFixtures(): string[] {
  return readdirSync(MEASUREMENTS_DIR).sort();
}

/** The bucket day the original's tests use for each YAML fixture. */
const YAML_BUCKETS: Record<string, string> = {
  'binary_city.yaml': '2015-11-05',
  'dns_n_http_bin_body.yaml': '2015-09-03',
  'http_invalid_request_line.yaml': '2018-07-27',
};

/** A fixture as a measurement dict (YAML reports are normalized; they hold one measurement each). */
export function loadMeasurement(name: string): Dict {
  const raw = readFileSync(join(MEASUREMENTS_DIR, name));
  if (!name.endsWith('.yaml')) return JSON.parse(raw.toString('utf8')) as Dict;
  const day = YAML_BUCKETS[name] ?? '2015-01-01';
  const { measurements } = normalizeYamlReport(raw, day, `${day}/bogus_fname.yaml`);
  if (measurements.length !== 1) throw new Error(`${name}: expected one measurement`);
  return measurements[0];
}

export function readMeasurementFile(name: string): Buffer {
  return readFileSync(join(MEASUREMENTS_DIR, name));
}
