import { ClickHouseClient } from '@clickhouse/client';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidMeasurementError } from '../../src/modules/fastpath/scoring/errors';
import { compileFingerprints } from '../../src/modules/fastpath/scoring/fingerprints';
import { scoreMeasurement } from '../../src/modules/fastpath/scoring/score-measurement';
import { FastpathRow } from '../../src/modules/fastpath/scoring/types';
import { FIXTURES_DIR, listMeasurementFixtures, loadMeasurement } from './fixtures';

const FINGERPRINTS = compileFingerprints(
  JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'data', 'fingerprints_dns.json'), 'utf8')),
  JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'data', 'fingerprints_http.json'), 'utf8')),
);

/**
 * The fastpath row of a fixture measurement, or null when the fastpath discards it on purpose
 * (InvalidMeasurementError: no report_id, ZZ, AS0, ...). Any other error is a scoring bug: it throws.
 */
export function scoreFixture(msm: unknown, measurementUid: string, now?: Date): FastpathRow | null {
  try {
    return scoreMeasurement(msm, { measurementUid, fingerprints: FINGERPRINTS, now }).row;
  } catch (err) {
    if (err instanceof InvalidMeasurementError) return null;
    throw err;
  }
}

/** fastpath rows produced by the real scoring code from every fixture measurement that yields one. */
export function scoreFixtures(): FastpathRow[] {
  const rows: FastpathRow[] = [];
  for (const [i, name] of listMeasurementFixtures('.json').entries()) {
    const msm = loadMeasurement(name);
    const start = typeof msm.measurement_start_time === 'string' ? msm.measurement_start_time : '2024-01-01 00:00:00';
    const ts = start.replace(/[-: ]/g, '');
    const uid = `${ts.slice(0, 14).padEnd(14, '0')}.${String(i).padStart(6, '0')}_XX_fixture_${String(i).padStart(16, '0')}`;
    const row = scoreFixture(msm, uid);
    if (row) rows.push(row);
  }
  return rows;
}

export async function insertFastpathRows(client: ClickHouseClient, rows: readonly FastpathRow[]): Promise<void> {
  await client.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
}
