import {
  currentBudget,
  HOUR_MS,
  hourIndex,
  isAvailable,
  isFull,
  limitsMs,
  retryAfterSeconds,
  spend,
} from '../../../src/common/quotas/quota-budget';
import { subnetKey } from '../../../src/common/quotas/quota-subject';

const LIMITS = limitsMs({ month_s: 720, week_s: 168, day_s: 24 });

describe('quota budgets', () => {
  it('should start full and lose the time each request took from every budget', () => {
    const start = currentBudget(undefined, 100, LIMITS);
    expect(start).toEqual([100, 720000, 168000, 24000]);
    expect(spend(start, 1500)).toEqual([100, 718500, 166500, 22500]);
  });

  it('should be unavailable once any budget reaches zero, never below', () => {
    const spent = spend(currentBudget(undefined, 0, LIMITS), 30000);
    expect(spent[3]).toBe(0);
    expect(isAvailable(spent)).toBe(false);
  });

  it('should give back limit / period-hours per whole hour, capped at the limit', () => {
    const spent = spend(currentBudget(undefined, 10, LIMITS), 24000);
    // 1 s per hour for each of these limits.
    expect(currentBudget(spent, 10, LIMITS)).toEqual(spent);
    expect(currentBudget(spent, 11, LIMITS)).toEqual([11, 697000, 145000, 1000]);
    expect(isAvailable(currentBudget(spent, 11, LIMITS))).toBe(true);
    expect(isFull(currentBudget(spent, 10 + 720, LIMITS), LIMITS)).toBe(true);
  });

  it('should not replenish for a clock that went backwards', () => {
    const spent = spend(currentBudget(undefined, 10, LIMITS), 5000);
    expect(currentBudget(spent, 9, LIMITS)).toEqual(spent);
  });

  it('should cap a budget stored under higher limits', () => {
    const lower = limitsMs({ month_s: 1, week_s: 1, day_s: 1 });
    expect(currentBudget([5, 720000, 168000, 24000], 5, lower)).toEqual([5, 1000, 1000, 1000]);
  });

  it('should retry at the next hour boundary', () => {
    expect(retryAfterSeconds(5 * HOUR_MS)).toBe(3600);
    expect(retryAfterSeconds(5 * HOUR_MS + 3599_500)).toBe(1);
    expect(hourIndex(5 * HOUR_MS + 1)).toBe(5);
  });
});

describe('subnetKey', () => {
  it('should group IPv4 by /24 and IPv6 by /48', () => {
    expect(subnetKey('192.0.2.77')).toBe('192.0.2.0/24');
    expect(subnetKey('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(subnetKey('2001:0DB8:00ab::')).toBe('2001:db8:ab::/48');
    expect(subnetKey('::1')).toBe('0:0:0::/48');
    expect(subnetKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0::/48');
  });

  it('should refuse what is not an address', () => {
    expect(subnetKey('')).toBeNull();
    expect(subnetKey('example.org')).toBeNull();
  });
});
