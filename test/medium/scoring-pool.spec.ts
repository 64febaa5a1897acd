import * as path from 'node:path';
import { PiscinaScoringPool } from '../../src/modules/fastpath/scoring-pool';
import { EncodedRows } from '../../src/modules/fastpath/workers/score-task';
import { loadMeasurement } from '../helpers/fixtures';

const CRASHING_WORKER = path.join(__dirname, '..', 'helpers', 'crashing-score.worker.js');
const CRASH_UID = '20240101000000.000009_IT_webconnectivity_0000000000000009';

const fingerprints = { version: 0, file: null };
const item = (n: number, content: unknown): { measurementUid: string; body: string } => ({
  measurementUid: `20240101000000.00000${n}_IT_webconnectivity_000000000000000${n}`,
  body: JSON.stringify({ format: 'json', content }),
});

/** The rows of the insert's JSON lines, as ClickHouse reads them. */
const decode = (rows: EncodedRows): Array<Record<string, unknown>> =>
  rows.jsonl === '' ? [] : rows.jsonl.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe(PiscinaScoringPool.name, () => {
  let pool: PiscinaScoringPool;

  afterEach(async () => pool.destroy());

  it('should score in worker threads and report bad measurements as failures, not errors', async () => {
    pool = new PiscinaScoringPool(2);
    const result = await pool.run({
      fingerprints,
      items: [
        item(1, loadMeasurement('report1.json')),
        { measurementUid: 'x', body: '{"format":"json","content":' },
        item(2, { test_keys: { requests: 'not a list' } }),
        item(3, { ...loadMeasurement('report1.json'), test_keys: { requests: [[[null]]], queries: 5 } }),
      ],
    });
    const uids = [item(1, 0).measurementUid, item(3, 0).measurementUid];
    expect(decode(result.rows).map((r) => r.measurement_uid)).toEqual(uids);
    expect(result.rows.uids).toEqual(uids);
    expect(result.rows.count).toBe(2);
    expect(result.failures.map((f) => f.reason)).toEqual(['invalid_json', expect.any(String)]);
  });

  it("should score byte bodies moved to the worker, leaving the caller's buffers intact", async () => {
    pool = new PiscinaScoringPool(1);
    const text = [item(1, loadMeasurement('mbx-1.json')), item(2, loadMeasurement('report1.json'))];
    // bodies sharing one buffer, as slices of Node's buffer pool do
    const shared = Buffer.from(text[0].body + text[1].body);
    const bytes = [
      { ...text[0], body: shared.subarray(0, Buffer.byteLength(text[0].body)) },
      { ...text[1], body: shared.subarray(Buffer.byteLength(text[0].body)) },
    ];
    const fromBytes = await pool.run({ fingerprints, items: bytes });
    const fromText = await pool.run({ fingerprints, items: text });
    expect(fromBytes.failures).toEqual([]);
    expect(fromBytes.rows.count).toBe(2);
    expect(decode(fromBytes.rows)).toEqual(decode(fromText.rows));
    expect(shared.toString()).toBe(text[0].body + text[1].body);

    // given up by the caller: moved, not copied
    const own = Buffer.from(text[0].body);
    const moved = await pool.run({ fingerprints, items: [{ ...text[0], body: own }] }, { moveBodies: true });
    expect(decode(moved.rows)).toEqual([decode(fromText.rows)[0]]);
    expect(own.buffer.byteLength).toBe(0);
  });

  it('should score a 50 MB measurement, and go on scoring after a worker thread dies', async () => {
    // The crash is injected by a test worker entry, not by a switch in the shipped worker.
    pool = new PiscinaScoringPool(1, CRASHING_WORKER);
    const big = { ...loadMeasurement('report1.json'), padding: 'x'.repeat(50 * 1024 * 1024) };
    expect((await pool.run({ fingerprints, items: [item(1, big)] })).rows.count).toBe(1);
    await expect(pool.run({ fingerprints, items: [{ measurementUid: CRASH_UID, body: '{}' }] })).rejects.toThrow();
    const after = await pool.run({ fingerprints, items: [item(3, loadMeasurement('report1.json'))] });
    expect(after.rows.count).toBe(1);
  });
});
