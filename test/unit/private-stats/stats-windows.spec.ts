import { last24Months, last31Days, last6Months } from '../../../src/modules/private-stats/stats-windows';

describe('stats windows', () => {
  it('should span the 24 months before the current one, its first second excluded as in the legacy SQL', () => {
    expect(last24Months(new Date('2026-12-02T06:30:00Z'))).toEqual({
      since: new Date('2024-12-01T00:00:01Z'),
      until: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('should end the 31 days at midnight today', () => {
    expect(last31Days(new Date('2026-03-02T23:59:59Z'))).toEqual({
      since: new Date('2026-01-30T00:00:00Z'),
      until: new Date('2026-03-02T00:00:00Z'),
    });
  });

  it('should clamp six months back to the end of a shorter month, as ClickHouse does', () => {
    expect(last6Months(new Date('2024-08-31T10:00:00Z'))).toEqual({ since: new Date('2024-02-29T00:00:01Z') });
    expect(last6Months(new Date('2025-01-15T10:00:00Z'))).toEqual({ since: new Date('2024-07-15T00:00:01Z') });
  });
});
