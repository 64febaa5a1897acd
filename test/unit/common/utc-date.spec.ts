import { parseUtcDate } from '../../../src/common/validation/utc-date';

const iso = (text: string): string | null => {
  const parsed = parseUtcDate(text);
  return parsed.ok ? parsed.date.toISOString() : parsed.reason;
};

describe('parseUtcDate', () => {
  it('should read dates and times as UTC unless they carry an offset', () => {
    expect(iso('2024-01-31')).toBe('2024-01-31T00:00:00.000Z');
    expect(iso('2024-01-31T10:30')).toBe('2024-01-31T10:30:00.000Z');
    expect(iso('2024-01-31 10:30:05.123456789')).toBe('2024-01-31T10:30:05.123Z');
    expect(iso('2024-01-31T10:30:00Z')).toBe('2024-01-31T10:30:00.000Z');
    expect(iso('2024-01-31T10:30:00+02:00')).toBe('2024-01-31T08:30:00.000Z');
    expect(iso('2024-01-31T10:30:00-0530')).toBe('2024-01-31T16:00:00.000Z');
  });

  it('should refuse impossible dates and what ClickHouse cannot store', () => {
    for (const bad of [
      '2024-02-30',
      '2024-13-01',
      '2024-01-01T24:00',
      '2024-01-01T10:60',
      '2024-01-01T10:00+25:00',
      '2024-01-01T10:00-01:60',
      '31/01/2024',
      '',
      'x',
    ]) {
      expect({ bad, got: iso(bad) }).toEqual({ bad, got: 'format' });
    }
    expect(iso('1969-12-31T23:59:59Z')).toBe('range');
    expect(iso('2106-01-01')).toBe('range');
  });
});
