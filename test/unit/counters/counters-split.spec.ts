import { addDays } from '../../../src/common/time/utc-day';
import { wholeDays } from '../../../src/modules/counters/counters-plan';
import { splitWindow } from '../../../src/modules/counters/counters-split';

const days = (first: string, n: number): string[] => Array.from({ length: n }, (_, i) => addDays(first, i));

/** The split of `[since, until)` as the service computes it. */
const split = (clean: string[], since?: string, until?: string) => {
  const s = since === undefined ? undefined : new Date(since);
  const u = until === undefined ? undefined : new Date(until);
  const window = wholeDays(s, u);
  return window && splitWindow(window, clean, s, u);
};

describe('counters split', () => {
  const MARCH = days('2024-03-01', 31);

  it('should leave fastpath out when every day of a range aligned on days is clean', () => {
    expect(split(MARCH, '2024-03-05T00:00:00Z', '2024-03-20T00:00:00Z')).toEqual({
      first: '2024-03-05',
      end: '2024-03-20',
      rawDays: [],
      raw: false,
    });
  });

  it('should read fastpath for the partial first and last days', () => {
    expect(split(MARCH, '2024-03-05T13:20:00Z', '2024-03-20T06:00:00Z')).toEqual({
      first: '2024-03-06',
      end: '2024-03-20',
      rawDays: [],
      raw: true,
    });
  });

  it('should list the days between clean days that are not clean, and read fastpath for them', () => {
    const clean = MARCH.filter((d) => d !== '2024-03-10' && d !== '2024-03-11' && d !== '2024-03-15');
    expect(split(clean, '2024-03-05T00:00:00Z', '2024-03-20T00:00:00Z')).toEqual({
      first: '2024-03-05',
      end: '2024-03-20',
      rawDays: ['2024-03-10', '2024-03-11', '2024-03-15'],
      raw: true,
    });
  });

  it('should narrow the counters span to the clean days, the rest of the range reading fastpath', () => {
    // The most recent days are never built (not settled yet).
    expect(split(days('2024-03-01', 10), '2024-03-05T00:00:00Z', '2024-03-20T00:00:00Z')).toEqual({
      first: '2024-03-05',
      end: '2024-03-11',
      rawDays: [],
      raw: true,
    });
    expect(split(days('2024-03-10', 30), '2024-03-05T00:00:00Z', '2024-03-20T00:00:00Z')).toMatchObject({
      first: '2024-03-10',
      end: '2024-03-20',
      raw: true,
    });
  });

  it('should always read fastpath for an open end, with only the clean span from the counters', () => {
    expect(split(MARCH)).toEqual({ first: '2024-03-01', end: '2024-04-01', rawDays: [], raw: true });
    expect(split(MARCH, '2024-03-10T00:00:00Z')).toEqual({
      first: '2024-03-10',
      end: '2024-04-01',
      rawDays: [],
      raw: true,
    });
    expect(split(MARCH, undefined, '2024-03-03T00:00:00Z')).toMatchObject({ first: '2024-03-01', end: '2024-03-03' });
  });

  it('should have nothing for the counters when no day of the range is clean', () => {
    expect(split(MARCH, '2024-04-02T00:00:00Z', '2024-04-10T00:00:00Z')).toBeUndefined();
    expect(split([], '2024-03-02T00:00:00Z', '2024-03-10T00:00:00Z')).toBeUndefined();
    expect(split(MARCH, '2024-03-02T01:00:00Z', '2024-03-02T23:00:00Z')).toBeUndefined();
  });
});
