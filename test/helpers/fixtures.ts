import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');

/** A real measurement from test/fixtures/measurements, parsed. */
export function loadMeasurement(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'measurements', name), 'utf8')) as Record<string, unknown>;
}

export function listMeasurementFixtures(ext = '.json'): string[] {
  return fs
    .readdirSync(path.join(FIXTURES_DIR, 'measurements'))
    .filter((f) => f.endsWith(ext))
    .sort();
}

/** An open-report request as ooniprobe sends it (web_connectivity from IT, AS3269). */
export const OPEN_REPORT_REQUEST = {
  probe_cc: 'IT',
  probe_asn: 'AS3269',
  test_name: 'web_connectivity',
  format: 'json',
  software_name: 'ooniprobe',
  software_version: '3.8.0',
  test_start_time: '2024-01-01 00:00:00',
  test_version: '0.4.1',
  data_format_version: '0.2.0',
};
