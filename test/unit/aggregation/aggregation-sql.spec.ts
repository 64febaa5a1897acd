import { AggregationQuery } from '../../../src/modules/aggregation/aggregation.types';
import { buildAggregationSql, buildTorsfSql } from '../../../src/modules/fastpath-store/aggregation.sql';

const query = (over: Partial<AggregationQuery> = {}): AggregationQuery => ({
  axes: [],
  testNames: [],
  domains: [],
  probeAsns: [],
  probeCcs: [],
  ooniRunLinkIds: [],
  ...over,
});

describe('buildAggregationSql', () => {
  it('should read fastpath with FINAL unless told otherwise', () => {
    expect(buildAggregationSql(query()).sql).toContain('FROM fastpath FINAL');
    expect(buildAggregationSql(query(), { final: false }).sql).not.toContain('FINAL');
  });

  it('should pass every value as a typed parameter, never in the SQL text', () => {
    const evil = "x' OR 1=1 --";
    const { sql, params } = buildAggregationSql(
      query({
        domains: [evil],
        input: evil,
        probeCcs: ['IT'],
        probeAsns: [3269],
        testNames: [evil],
        categoryCode: evil,
        since: new Date('2024-01-01T00:00:00Z'),
        until: new Date('2024-02-01T00:00:00.500Z'),
      }),
    );
    expect(sql).not.toContain(evil);
    expect(sql).not.toContain('3269');
    expect(sql).toContain('domain IN {domains:Array(String)}');
    expect(sql).toContain('input = {input:String}');
    expect(sql).toContain('probe_asn IN {probe_asns:Array(Int32)}');
    expect(sql).toContain('cl_src.category_code = {category_code:String}');
    expect(params).toEqual({
      domains: [evil],
      input: evil,
      probe_ccs: ['IT'],
      probe_asns: [3269],
      test_names: [evil],
      category_code: evil,
      lccs: ['it'],
      since: '2024-01-01 00:00:00',
      // second precision: t < 00:00:00.5 is t < 00:00:01
      until: '2024-02-01 00:00:01',
    });
  });

  it('should group and order by the axes with the legacy aliases', () => {
    const { sql } = buildAggregationSql(query({ axes: ['measurement_start_day', 'probe_cc'], timeGrain: 'week' }));
    expect(sql).toContain('toStartOfWeek(measurement_start_time) AS measurement_start_day');
    expect(sql).toMatch(/GROUP BY measurement_start_day, probe_cc\nORDER BY measurement_start_day, probe_cc$/);
  });

  it('should join the CitizenLab lists only for a category filter or axis', () => {
    expect(buildAggregationSql(query({ axes: ['probe_cc'] })).sql).not.toContain('citizenlab');
    const axis = buildAggregationSql(query({ axes: ['category_code'] }));
    expect(axis.sql).toContain('INNER JOIN (SELECT DISTINCT url, category_code FROM citizenlab');
    expect(axis.sql).toContain("(cl_src.cc = 'ZZ')");
    expect(axis.params).toEqual({});
  });

  it('should filter OONI Run links by a parameter', () => {
    const built = buildAggregationSql(query({ ooniRunLinkIds: ['1', '2'] }));
    expect(built.sql).toMatch(/WHERE toString\(ooni_run_link_id\) IN \{ooni_run_link_ids:Array\(String\)\}$/);
    expect(built.params).toEqual({ ooni_run_link_ids: ['1', '2'] });
  });

  it('should keep the counters mutually exclusive', () => {
    const { sql } = buildAggregationSql(query());
    expect(sql).toContain("countIf(anomaly = 't' AND confirmed != 't' AND msm_failure != 't') AS anomaly_count");
    expect(sql).toContain("countIf(confirmed = 't' AND msm_failure != 't') AS confirmed_count");
    expect(sql).toContain("countIf(anomaly != 't' AND confirmed != 't' AND msm_failure != 't') AS ok_count");
  });
});

describe('buildTorsfSql', () => {
  it('should use the legacy bounds: since exclusive, until inclusive', () => {
    const { sql, params } = buildTorsfSql({
      probeCc: 'IT',
      since: new Date('2021-07-28T00:00:00.900Z'),
      until: new Date('2021-07-29T00:00:00Z'),
    });
    expect(sql).toContain('measurement_start_time > {since:DateTime}');
    expect(sql).toContain('measurement_start_time <= {until:DateTime}');
    expect(params).toEqual({ probe_cc: 'IT', since: '2021-07-28 00:00:00', until: '2021-07-29 00:00:00' });
  });
});
