import { addDays } from '../../../src/common/time/utc-day';
import { CleanDaysCache } from '../../../src/modules/counters/clean-days-cache';
import { CountersOptions } from '../../../src/modules/counters/counters.options';
import { CountersService } from '../../../src/modules/counters/counters.service';
import { FastpathCountersRepository } from '../../../src/modules/fastpath-store/fastpath-counters.repository';
import { last31Days } from '../../../src/modules/private-stats/stats-windows';

/** Every day of `[first, end)` but `except`. */
function daysBetween(first: string, end: string, except: string[] = []): string[] {
  const out: string[] = [];
  for (let d = first; d < end; d = addDays(d, 1)) if (!except.includes(d)) out.push(d);
  return out;
}

// The clean days as the cache would hold them; countedNow reads no table itself.
const service = (enabled: boolean, clean: string[] = []) => {
  const cache = { get: jest.fn(() => Promise.resolve(clean)) };
  const counters = new CountersService(
    null as unknown as FastpathCountersRepository,
    { enabled } as CountersOptions,
    cache as unknown as CleanDaysCache,
  );
  return { counters, cache };
};

describe(CountersService.name, () => {
  afterEach(() => jest.useRealTimers());

  it('should compute a window as of now and pass the clean days of it as a split', async () => {
    jest.useFakeTimers({ now: new Date('2024-06-15T13:45:00Z') });
    // Built up to two days ago; June 1st written to since its build.
    const { counters } = service(true, daysBetween('2024-01-01', '2024-06-14', ['2024-06-01']));
    expect(await counters.countedNow(last31Days)).toEqual({
      since: '2024-05-15 00:00:00',
      until: '2024-06-15 00:00:00',
      counters_first: '2024-05-15',
      counters_end: '2024-06-14',
      raw_days: ['2024-06-01'],
    });
    jest.setSystemTime(new Date('2024-06-16T00:00:01Z'));
    expect((await counters.countedNow(last31Days)).until).toBe('2024-06-16 00:00:00');
  });

  it('should read everything from fastpath when no day of the window is clean', async () => {
    jest.useFakeTimers({ now: new Date('2024-06-15T13:45:00Z') });
    const { counters } = service(true, daysBetween('2024-01-01', '2024-03-01'));
    const counted = await counters.countedNow(last31Days);
    expect(counted.counters_first).toBe(counted.counters_end);
    expect(counted.raw_days).toEqual([]);
  });

  it('should read an open window as all time, and everything from fastpath without counters', async () => {
    const { counters, cache } = service(false, daysBetween('2024-01-01', '2024-03-01'));
    const counted = await counters.countedNow(() => ({}));
    expect(counted.since).toBe('1970-01-01 00:00:00');
    expect(counted.until).toBe('2106-01-01 00:00:00');
    expect(counted.counters_first).toBe(counted.counters_end);
    expect(cache.get).not.toHaveBeenCalled();
  });
});
