import { encodeScoredBatch } from '../../../src/modules/fastpath/workers/encode-rows';
import { scoreBatch } from '../../../src/modules/fastpath/workers/score-batch';
import { loadMeasurement } from '../../helpers/fixtures';

describe('encodeScoredBatch', () => {
  const items = ['report1.json', 'mbx-1.json'].map((file, i) => ({
    measurementUid: `20240101000000.00000${i}_IT_webconnectivity_000000000000000${i}`,
    body: JSON.stringify({ format: 'json', content: loadMeasurement(file) }),
  }));
  items.push({ measurementUid: 'bad', body: '{"format":"json","content":' });

  it('should give the rows as the JSON lines a JSONEachRow insert of the row objects sends', () => {
    const result = scoreBatch({ fingerprints: { version: 0, file: null }, items });
    const encoded = encodeScoredBatch(result);
    expect(encoded.rows.count).toBe(2);
    expect(`${encoded.rows.jsonl}\n`).toBe(result.rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
    expect(encoded.rows.uids).toEqual([items[0].measurementUid, items[1].measurementUid]);
    expect(encoded.failures).toEqual(result.failures);
    expect(encoded.failures.map((f) => f.measurementUid)).toEqual(['bad']);
  });

  it('should encode a batch without rows as no line at all', () => {
    const encoded = encodeScoredBatch(scoreBatch({ fingerprints: { version: 0, file: null }, items: [items[2]] }));
    expect(encoded.rows).toEqual({ jsonl: '', count: 0, uids: [] });
  });
});
