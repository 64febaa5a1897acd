import { scoreMeasurement } from '../../../src/modules/fastpath/scoring/score-measurement';
import { flagWrongDate, receptionTimeFromUid } from '../../../src/modules/fastpath/scoring/wrong-date';
import { fixtureFingerprints, loadMeasurement } from './fixtures';

describe('measurements with a wrong start time', () => {
  const fingerprints = fixtureFingerprints();
  // torsf_2: scored as not blocked, measurement_start_time 2021-07-27 16:40:11
  const msm = (): Record<string, unknown> => loadMeasurement('torsf_2.json');
  const scoresFor = (measurementUid: string, now?: Date): Record<string, unknown> =>
    JSON.parse(scoreMeasurement(msm(), { measurementUid, fingerprints, now }).row.scores) as Record<string, unknown>;

  it('should read the reception time from the measurement uid', () => {
    expect(receptionTimeFromUid('20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3')).toBe(
      Date.UTC(2025, 4, 27, 23, 31, 11) + 802.678,
    );
    expect(receptionTimeFromUid('bogus_uid')).toBeUndefined();
    expect(receptionTimeFromUid('20251327233111.802678_ID_x_y')).toBeUndefined();
    expect(receptionTimeFromUid('20250527233111.80267_ID_x_y')).toBeUndefined();
    expect(receptionTimeFromUid('0120150903ec3e094eff954963951d8f492e60c1')).toBeUndefined();
  });

  it('should accept a measurement received shortly after it started', () => {
    const { row } = scoreMeasurement(msm(), {
      measurementUid: '20210727164130.000001_IT_torsf_0123456789abcdef',
      fingerprints,
    });
    expect(row.msm_failure).toBe('f');
  });

  it('should tolerate a start time up to one hour in the future', () => {
    expect(scoresFor('20210727154012.000000_IT_torsf_0123456789abcdef').accuracy).toBeUndefined();
  });

  it('should flag a start time more than one hour in the future', () => {
    const uid = '20210727154010.000000_IT_torsf_0123456789abcdef';
    expect(scoresFor(uid)).toMatchObject({ accuracy: 0.0, msg: 'Measurement start time from the future' });
    const { row } = scoreMeasurement(msm(), { measurementUid: uid, fingerprints });
    expect(row.msm_failure).toBe('t');
    expect(row.anomaly).toBe('f');
  });

  it('should flag a start time more than a year in the past', () => {
    expect(scoresFor('20220727164012.000000_IT_torsf_0123456789abcdef')).toMatchObject({
      accuracy: 0.0,
      msg: 'Measurement start time too old',
    });
    expect(scoresFor('20220727164011.000000_IT_torsf_0123456789abcdef').accuracy).toBeUndefined();
  });

  it('should add the flag even to empty scores (riseupvpn)', () => {
    const { row } = scoreMeasurement(loadMeasurement('riseupvpn.json'), {
      measurementUid: '20300101000000.000000_AF_riseupvpn_0123456789abcdef',
      fingerprints,
    });
    expect(row.scores).toBe('{"accuracy":0.0,"msg":"Measurement start time too old"}');
  });

  it('should not check uids without reception time unless a reference time is given', () => {
    expect(scoresFor('bogus_uid').accuracy).toBeUndefined();
    expect(scoresFor('bogus_uid', new Date('2021-07-27T14:00:00Z'))).toMatchObject({
      msg: 'Measurement start time from the future',
    });
    expect(scoresFor('bogus_uid', new Date('2021-07-27T17:00:00Z')).accuracy).toBeUndefined();
  });

  it('should overwrite an existing msg of the scores', () => {
    const telegram = loadMeasurement('telegram_nourl.json');
    const { row } = scoreMeasurement(telegram, {
      measurementUid: '20191203102313.000000_IT_telegram_0123456789abcdef',
      fingerprints,
    });
    expect(JSON.parse(row.scores)).toMatchObject({ msg: 'Measurement start time from the future', accuracy: 0.0 });
  });

  it('should ignore an unparsable measurement_start_time', () => {
    const scores = { blocking_general: 0.0 };
    flagWrongDate({ measurement_start_time: 'yesterday' }, '20300101000000.000000_IT_torsf_0', scores);
    flagWrongDate({}, '20300101000000.000000_IT_torsf_0', scores);
    expect(scores).toEqual({ blocking_general: 0.0 });
  });
});
