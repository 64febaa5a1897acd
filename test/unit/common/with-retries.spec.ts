import { withRetries } from '../../../src/common/retry/with-retries';

describe('withRetries', () => {
  it('should return the first success and wait twice as long before each retry', async () => {
    let calls = 0;
    const delays: number[] = [];
    const result = await withRetries({ retries: 5, baseMs: 5, onRetry: (_e, _a, ms) => delays.push(ms) }, () =>
      ++calls < 4 ? Promise.reject(new Error(`fail ${calls}`)) : Promise.resolve('ok'),
    );
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    expect(delays).toEqual([5, 10, 20]);
  });

  it('should throw the last error once the retries are spent', async () => {
    let calls = 0;
    await expect(
      withRetries({ retries: 2, baseMs: 1 }, () => Promise.reject(new Error(`fail ${++calls}`))),
    ).rejects.toThrow('fail 3');
  });

  it('should cap a single wait', async () => {
    const delays: number[] = [];
    await withRetries({ retries: 3, baseMs: 4, maxDelayMs: 6, onRetry: (_e, _a, ms) => delays.push(ms) }, () =>
      delays.length < 3 ? Promise.reject(new Error('x')) : Promise.resolve(),
    );
    expect(delays).toEqual([4, 6, 6]);
  });
});
