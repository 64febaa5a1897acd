import { formatIncidentTime, parseIncidentTime } from '../../../src/modules/incidents/incident-time';

const JAN_31 = Date.UTC(2024, 0, 31) / 1000;

describe('parseIncidentTime', () => {
  it.each([
    ['2024-01-31T00:00:00Z', JAN_31],
    ['2024-01-31T00:00:00.000000Z', JAN_31],
    ['2024-01-31T00:00:00.999Z', JAN_31],
    ['2024-01-31T00:00:00', JAN_31],
    ['2024-01-31', JAN_31],
    ['2024-01-31T10:30', JAN_31 + 10 * 3600 + 30 * 60],
    ['2024-01-31T02:00:00+02:00', JAN_31],
    ['2024-01-30T22:00:00-0200', JAN_31],
    ['2024-01-31T00:00:00+00:00', JAN_31],
  ])('should read %s', (text, unix) => {
    expect(parseIncidentTime(text)).toBe(unix);
  });

  it.each([
    ['not a date', 'yesterday'],
    ['day first', '31/01/2024'],
    ['impossible day', '2024-02-30T00:00:00Z'],
    ['impossible hour', '2024-01-31T24:00:00Z'],
    ['impossible offset', '2024-01-31T00:00:00+25:00'],
    ['before 1970', '1969-12-31T23:59:59Z'],
    ['past the DateTime range', '2106-03-01T00:00:00Z'],
    ['too long', `2024-01-31T00:00:00${' '.repeat(40)}`],
    ['a number', 1706659200],
    ['null', null],
  ])('should refuse %s', (_name, value) => {
    expect(parseIncidentTime(value)).toBeNull();
  });
});

describe('formatIncidentTime', () => {
  it('should write the newer API format, six fractional digits and Z', () => {
    expect(formatIncidentTime(JAN_31 + 3723)).toBe('2024-01-31T01:02:03.000000Z');
  });

  it('should give back what it reads', () => {
    const unix = 1_700_000_123;
    expect(parseIncidentTime(formatIncidentTime(unix))).toBe(unix);
  });
});
