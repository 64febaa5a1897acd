import { AggregationError } from '../../../src/modules/aggregation/aggregation.errors';
import {
  parseAggregationParams,
  parseAsns,
  parseDateParam,
  parseTorsfParams,
  resolveTimeGrain,
} from '../../../src/modules/aggregation/aggregation.params';

const errorOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AggregationError);
    return (err as AggregationError).getResponse();
  }
  throw new Error('expected an AggregationError');
};

describe('parseAggregationParams', () => {
  it('should apply the legacy defaults', () => {
    expect(parseAggregationParams({})).toEqual({
      axisX: undefined,
      axisY: undefined,
      categoryCode: undefined,
      testNames: [],
      domains: [],
      input: undefined,
      probeAsns: [],
      probeCcs: [],
      ooniRunLinkIds: [],
      since: undefined,
      until: undefined,
      timeGrain: 'auto',
      format: 'JSON',
      download: false,
    });
  });

  it('should split, deduplicate and sort lists like legacy commasplit', () => {
    const p = parseAggregationParams({
      probe_cc: 'IT,DE,,IT',
      probe_asn: 'AS3269,30722,3269',
      test_name: 'whatsapp,web_connectivity,whatsapp',
      domain: 'www.example.org,example.com',
      ooni_run_link_id: '10002,10001',
    });
    expect(p.probeCcs).toEqual(['DE', 'IT']);
    expect(p.probeAsns).toEqual([3269, 30722]);
    expect(p.testNames).toEqual(['web_connectivity', 'whatsapp']);
    expect(p.domains).toEqual(['example.com', 'www.example.org']);
    expect(p.ooniRunLinkIds).toEqual(['10001', '10002']);
  });

  it('should read format, time_grain and download case-insensitively', () => {
    const p = parseAggregationParams({ format: 'csv', time_grain: 'Day', download: 'True' });
    expect([p.format, p.timeGrain, p.download]).toEqual(['CSV', 'day', true]);
    expect(parseAggregationParams({ download: '1' }).download).toBe(false);
  });

  it('should validate in the legacy order: the first bad parameter names the error', () => {
    expect(errorOf(() => parseAggregationParams({ axis_x: 'X', probe_cc: 'it' }))).toEqual({
      error: 'Invalid characters',
      v: 0,
    });
    expect(errorOf(() => parseAggregationParams({ probe_asn: 'x', probe_cc: 'ITA' }))).toEqual({
      error: 'Invalid ASN value in parameter probe_asn',
      v: 0,
    });
  });

  it('should check the axis names only after the other parameters', () => {
    expect(errorOf(() => parseAggregationParams({ axis_x: 'nope', format: 'XML' }))).toEqual({
      error: 'Invalid format',
      v: 0,
    });
    expect(errorOf(() => parseAggregationParams({ axis_x: 'nope' }))).toEqual({ error: 'Invalid axis name', v: 0 });
  });

  it('should take the first of repeated values and ignore non-string shapes', () => {
    expect(parseAggregationParams({ probe_cc: ['IT', 'x'] }).probeCcs).toEqual(['IT']);
    expect(parseAggregationParams({ probe_cc: { a: 1 } }).probeCcs).toEqual([]);
  });

  it('should accept inputs with the legacy character set, non-ASCII letters included', () => {
    const input = 'https://例え.jp/a?b=1&c=(2)#x!$,{}[]%+';
    expect(parseAggregationParams({ input }).input).toBe(input);
    for (const bad of ["a'b", 'a"b', 'a;b', 'a\\b', 'a<b', 'a*b']) {
      expect(errorOf(() => parseAggregationParams({ input: bad }))).toEqual({
        error: 'Invalid characters in input field',
        v: 0,
      });
    }
  });
});

describe('parseAsns', () => {
  it('should accept AS-prefixed and bare numbers up to 2^31-1', () => {
    expect(parseAsns('AS0,2147483647', 'probe_asn')).toEqual([0, 2147483647]);
  });

  it.each(['AS', 'as123', '2147483648', '1e3', '0x10', ' 1'])('should refuse %s', (v) => {
    expect(errorOf(() => parseAsns(v, 'probe_asn'))).toEqual({
      error: 'Invalid ASN value in parameter probe_asn',
      v: 0,
    });
  });
});

describe('parseDateParam', () => {
  it.each([
    ['2021-07-09', '2021-07-09T00:00:00.000Z'],
    ['2021-07-09T10:30', '2021-07-09T10:30:00.000Z'],
    ['2021-07-09 10:30:05', '2021-07-09T10:30:05.000Z'],
    ['2021-07-09T10:30:05.250', '2021-07-09T10:30:05.250Z'],
    ['2021-07-09T10:30:00Z', '2021-07-09T10:30:00.000Z'],
    ['2021-07-09T10:30:00+02:00', '2021-07-09T08:30:00.000Z'],
    ['2021-07-09T10:30:00-0130', '2021-07-09T12:00:00.000Z'],
  ])('should read %s as %s', (text, iso) => {
    expect(parseDateParam(text, 'since')?.toISOString()).toBe(iso);
  });

  it('should treat absent and empty values as absent', () => {
    expect(parseDateParam(undefined, 'since')).toBeUndefined();
    expect(parseDateParam('', 'since')).toBeUndefined();
  });

  it.each(['2021-02-29', '2021-13-01', '2021-07-09T24:00', '2021-07-09T10:60', '09/07/2021', 'now', '2021-07-09T10'])(
    'should refuse %s',
    (text) => {
      expect(errorOf(() => parseDateParam(text, 'since'))).toEqual({ error: `Unknown string format: ${text}`, v: 0 });
    },
  );

  it('should refuse dates a DateTime cannot hold', () => {
    expect(errorOf(() => parseDateParam('1969-12-31T23:59:59', 'until'))).toEqual({
      error: 'Date out of range in parameter until',
      v: 0,
    });
    expect(errorOf(() => parseDateParam('2106-01-01', 'since'))).toEqual({
      error: 'Date out of range in parameter since',
      v: 0,
    });
  });
});

describe('resolveTimeGrain', () => {
  const d = (s: string): Date => new Date(`${s}Z`);

  it.each([
    ['2024-01-01T00:00:00', '2024-01-08T00:00:00', 'hour'],
    ['2024-01-01T00:00:00', '2024-01-08T00:00:01', 'day'],
    ['2024-01-01T00:00:00', '2024-01-31T00:00:00', 'day'],
    ['2024-01-01T00:00:00', '2025-01-01T00:00:00', 'day'],
  ])('should resolve auto over %s..%s to %s', (since, until, grain) => {
    expect(resolveTimeGrain(d(since), d(until), 'auto')).toBe(grain);
  });

  it('should apply the range thresholds inclusively (7, 30 and 365 days)', () => {
    expect(resolveTimeGrain(d('2024-01-01T00:00:00'), d('2024-01-08T00:00:00'), 'hour')).toBe('hour');
    expect(resolveTimeGrain(d('2024-01-01T00:00:00'), d('2024-01-31T00:00:00'), 'week')).toBe('week');
    expect(errorOf(() => resolveTimeGrain(d('2024-01-01T00:00:00'), d('2024-01-31T00:00:01'), 'hour'))).toEqual({
      error: 'Choose time_grain between day, week, month, auto for the given time range',
      v: 0,
    });
    expect(resolveTimeGrain(d('2023-01-01T00:00:00'), d('2024-01-01T00:00:00'), 'month')).toBe('month');
    expect(resolveTimeGrain(d('2023-01-01T00:00:00'), d('2024-01-02T00:00:00'), 'year')).toBe('year');
  });

  it('should need since before until', () => {
    const err = { error: 'Invalid since and until values', v: 0 };
    expect(errorOf(() => resolveTimeGrain(undefined, d('2024-01-01T00:00:00'), 'day'))).toEqual(err);
    expect(errorOf(() => resolveTimeGrain(d('2024-01-01T00:00:00'), undefined, 'day'))).toEqual(err);
    expect(errorOf(() => resolveTimeGrain(d('2024-01-02T00:00:00'), d('2024-01-01T00:00:00'), 'day'))).toEqual(err);
  });
});

describe('parseTorsfParams', () => {
  it('should upper-case the country and parse the dates', () => {
    expect(parseTorsfParams({ probe_cc: 'it', since: '2021-07-28', until: '2021-07-29' })).toEqual({
      probeCc: 'IT',
      since: new Date('2021-07-28T00:00:00Z'),
      until: new Date('2021-07-29T00:00:00Z'),
    });
    expect(parseTorsfParams({ probe_cc: '' }).probeCc).toBeUndefined();
  });
});
