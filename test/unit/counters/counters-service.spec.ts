import { CleanDaysCache } from '../../../src/modules/counters/clean-days-cache';
import { CountersOptions } from '../../../src/modules/counters/counters.options';
import { CountersService } from '../../../src/modules/counters/counters.service';
import { FastpathCountersRepository } from '../../../src/modules/fastpath-store/fastpath-counters.repository';
import { last31Days } from '../../../src/modules/private-stats/stats-windows';

// countedNow reads no table: the repository and the clean-days cache are never called.
const service = (enabled: boolean) =>
  new CountersService(
    null as unknown as FastpathCountersRepository,
    { enabled } as CountersOptions,
    null as unknown as CleanDaysCache,
  );

describe(CountersService.name, () => {
  afterEach(() => jest.useRealTimers());

  it('should compute a window as of now and give the counted-source parameters of its days', () => {
    jest.useFakeTimers({ now: new Date('2024-06-15T13:45:00Z') });
    expect(service(true).countedNow(last31Days)).toEqual({
      since: '2024-05-15 00:00:00',
      until: '2024-06-15 00:00:00',
      counters_first: '2024-05-15',
      counters_end: '2024-06-15',
    });
    jest.setSystemTime(new Date('2024-06-16T00:00:01Z'));
    expect(service(true).countedNow(last31Days).until).toBe('2024-06-16 00:00:00');
  });

  it('should read an open window as all time, and everything from fastpath without counters', () => {
    const counted = service(false).countedNow(() => ({}));
    expect(counted.since).toBe('1970-01-01 00:00:00');
    expect(counted.until).toBe('2106-01-01 00:00:00');
    expect(counted.counters_first).toBe(counted.counters_end);
  });
});
