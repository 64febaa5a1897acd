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
