import { FastpathRow } from '../../../src/modules/fastpath/scoring/types';
import { scoreFixture } from '../../helpers/fastpath-rows';
import { listMeasurementFixtures, loadMeasurement } from '../../helpers/fixtures';

/** Every real JSON measurement fixture the fastpath turns into a row, scored with the fixture fingerprints. */
export function scoredFixtureRows(): FastpathRow[] {
  const rows: FastpathRow[] = [];
  for (const name of listMeasurementFixtures('.json')) {
    const msm = loadMeasurement(name);
    const start = typeof msm.measurement_start_time === 'string' ? msm.measurement_start_time : '';
    // "now" = the start time: the copies get other dates, a wrong-date flag would be meaningless.
    const row = scoreFixture(msm, `fixture_${name}`, new Date(`${start.replace(' ', 'T')}Z`));
    if (row) rows.push(row);
  }
  return rows;
}

/** Where the copies of the fixture rows are measured from. */
export const NETWORKS: ReadonlyArray<readonly [string, number]> = [
  ['IT', 3269],
  ['IT', 30722],
  ['DE', 3320],
  ['BR', 28573],
  ['BR', 8167],
  ['US', 7922],
  ['IR', 197207],
];

export interface SpreadOptions {
  /** First day of the spread, UTC. */
  start: Date;
  days: number;
  copies: number;
  seed?: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const chTime = (ms: number): string => {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
};

/**
 * `copies` copies of every scored row with another uid, report, network and start time (uniform over
 * `days` days): the scores, flags, inputs and test names stay those the fastpath computed.
 */
export function spreadRows(base: readonly FastpathRow[], opts: SpreadOptions): FastpathRow[] {
  let state = opts.seed ?? 12345;
  const rand = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const out: FastpathRow[] = [];
  base.forEach((row, i) => {
    for (let k = 0; k < opts.copies; k++) {
      const [cc, asn] = NETWORKS[rand(NETWORKS.length)];
      const ms = opts.start.getTime() + rand(opts.days * 86_400) * 1000;
      const time = chTime(ms);
      out.push({
        ...row,
        measurement_uid: `${time.replace(/\D/g, '')}.000000_${cc}_${row.test_name.replace(/_/g, '')}_${i}x${k}`,
        report_id: `${time.replace(/\D/g, '').slice(0, 14)}_${cc}_${row.test_name}_${i}x${k}`,
        probe_cc: cc,
        probe_asn: asn,
        measurement_start_time: time,
        test_start_time: time,
      });
    }
  });
  return out;
}
