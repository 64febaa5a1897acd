import { scoreBatch, verificationCode } from '../../../src/modules/fastpath/workers/score-batch';
import { loadMeasurement } from '../../helpers/fixtures';

describe('verificationCode', () => {
  it('should keep t, f and u from the submission envelope and read anything else as u', () => {
    expect(verificationCode({ is_verified: 't' })).toBe('t');
    expect(verificationCode({ is_verified: 'f' })).toBe('f');
    expect(verificationCode({ is_verified: 'u' })).toBe('u');
    for (const odd of [{}, { is_verified: true }, { is_verified: 'verified' }, { is_verified: null }, null, 'x']) {
      expect(verificationCode(odd)).toBe('u');
    }
  });
});

describe('scoreBatch', () => {
  it('should write the envelope is_verified into each fastpath row (the original fastpath reads it there)', () => {
    const content = loadMeasurement('report1.json');
    const items = [undefined, 't', 'f', 'bogus'].map((claim, i) => ({
      measurementUid: `20240101000000.00000${i}_IT_webconnectivity_000000000000000${i}`,
      body: JSON.stringify({ format: 'json', content, ...(claim === undefined ? {} : { is_verified: claim }) }),
    }));
    const result = scoreBatch({ fingerprints: { version: 0, file: null }, items });
    expect(result.failures).toEqual([]);
    expect(result.rows.map((r) => [r.measurement_uid, r.is_verified])).toEqual([
      [items[0].measurementUid, 'u'],
      [items[1].measurementUid, 't'],
      [items[2].measurementUid, 'f'],
      [items[3].measurementUid, 'u'],
    ]);
  });

  it('should write the OONI Run link id of a json envelope, and none for yaml content', () => {
    const run = loadMeasurement('20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json');
    const annotations = run.annotations as Record<string, unknown>;
    const linked = { ...run, annotations: { ...annotations, ooni_run_link_id: '10042' } };
    const items = [
      {
        measurementUid: '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3',
        body: JSON.stringify({ format: 'json', content: linked }),
      },
      {
        measurementUid: '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e4',
        body: JSON.stringify({ format: 'json', content: run }),
      },
    ];
    const result = scoreBatch({ fingerprints: { version: 0, file: null }, items });
    expect(result.failures).toEqual([]);
    expect(result.rows.map((r) => r.ooni_run_link_id)).toEqual([10042, undefined]);
  });
});
