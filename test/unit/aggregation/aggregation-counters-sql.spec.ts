import { AggregationQuery } from '../../../src/modules/aggregation/aggregation.types';
import { buildCountersAggregationSql } from '../../../src/modules/fastpath-store/aggregation-counters.sql';

const query = (over: Partial<AggregationQuery> = {}): AggregationQuery => ({
  axes: ['measurement_start_day', 'probe_cc'],
  timeGrain: 'day',
  testNames: ['web_connectivity'],
  domains: [],
  probeAsns: [],
  probeCcs: [],
  ooniRunLinkIds: [],
  since: new Date('2024-03-01T00:00:00Z'),
  until: new Date('2024-03-31T00:00:00Z'),
  ...over,
});

describe('buildCountersAggregationSql', () => {
  const clean = { first: '2024-03-01', end: '2024-03-31', rawDays: [], raw: false };

  it('should read only the counters table when the split leaves fastpath no row', () => {
    const { sql, params } = buildCountersAggregationSql(query(), 'country', clean);
    expect(sql).not.toMatch(/\bfastpath\b/);
    expect(sql).not.toContain('UNION ALL');
    expect(sql).toContain('FROM fastpath_counters_country');
    expect(sql).toMatch(/ORDER BY measurement_start_day, probe_cc$/);
    expect(params).toEqual({
      counters_first: '2024-03-01',
      counters_end: '2024-03-31',
      raw_days: [],
      test_names: ['web_connectivity'],
    });
  });

  it('should read fastpath FINAL for the days the counters do not answer, passed as parameters', () => {
    const split = { ...clean, rawDays: ['2024-03-10'], raw: true };
    const { sql, params } = buildCountersAggregationSql(query(), 'country', split);
    expect(sql).toContain('FROM fastpath FINAL');
    expect(sql).toContain('UNION ALL');
    expect(sql).toContain('toDate(measurement_start_time) IN {raw_days:Array(Date)}');
    expect(sql).toContain('day NOT IN {raw_days:Array(Date)}');
    expect(sql).not.toContain('2024-03-10');
    expect(params).toMatchObject({
      raw_days: ['2024-03-10'],
      counters_first: '2024-03-01',
      since: '2024-03-01 00:00:00',
    });
  });

  it('should keep no ORDER BY without axes (one total row)', () => {
    const { sql } = buildCountersAggregationSql(query({ axes: [], timeGrain: undefined }), 'country', clean);
    expect(sql).not.toContain('ORDER BY');
    expect(sql).not.toContain('GROUP BY');
  });
});
