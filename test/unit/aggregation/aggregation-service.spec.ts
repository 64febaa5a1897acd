import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { aggregationOptionsFromConfig } from '../../../src/modules/aggregation/aggregation.options';
import { parseAggregationParams } from '../../../src/modules/aggregation/aggregation.params';
import { AggregationService } from '../../../src/modules/aggregation/aggregation.service';
import { AggregationQuery, AggregationRow, TorsfRow } from '../../../src/modules/aggregation/aggregation.types';
import { FastpathAggregationReader } from '../../../src/modules/fastpath-store/fastpath-aggregation.reader';
import { defaultTestConfig } from '../../helpers/test-config';

const stats = { row_count: 10, bytes: 100, total_row_count: 10, elapsed_seconds: 0.01 };
const counts = { anomaly_count: 1, confirmed_count: 0, failure_count: 1, measurement_count: 4, ok_count: 2 };

function setup(rows: AggregationRow[] = [], torsf: TorsfRow[] = []) {
  const calls: AggregationQuery[] = [];
  const repository = {
    aggregate: (q: AggregationQuery) => {
      calls.push(q);
      return Promise.resolve({ rows, stats });
    },
    torsfStats: () => Promise.resolve({ rows: torsf, stats }),
  } as unknown as FastpathAggregationReader;
  const metrics = {
    component: () => ({ increment: () => undefined, gauge: () => undefined, timing: () => undefined }),
  } as unknown as MetricsService;
  return {
    service: new AggregationService(repository, aggregationOptionsFromConfig(defaultTestConfig()), metrics),
    calls,
  };
}

const NOW = new Date('2024-06-10T12:00:00Z');

describe(AggregationService.name, () => {
  it('should answer one object without axes', async () => {
    const { service } = setup([counts]);
    const r = await service.aggregate(parseAggregationParams({}), NOW);
    expect(r).toEqual({
      kind: 'json',
      body: { v: 0, dimension_count: 0, result: counts, db_stats: stats },
      filename: undefined,
      maxAgeS: 300,
    });
  });

  it('should resolve the grain and format hours as legacy', async () => {
    const { service, calls } = setup([{ ...counts, measurement_start_day: '2024-03-02 05:00:00', probe_cc: 'IT' }]);
    const r = await service.aggregate(
      parseAggregationParams({
        axis_x: 'measurement_start_day',
        axis_y: 'probe_cc',
        since: '2024-03-02',
        until: '2024-03-04',
      }),
      NOW,
    );
    expect(calls[0].axes).toEqual(['measurement_start_day', 'probe_cc']);
    expect(calls[0].timeGrain).toBe('hour');
    expect(r.body).toMatchObject({
      dimension_count: 2,
      result: [{ ...counts, measurement_start_day: '2024-03-02T05:00:00Z', probe_cc: 'IT' }],
    });
    expect(Object.keys((r.body as { result: object[] }).result[0])).toEqual([
      'anomaly_count',
      'confirmed_count',
      'failure_count',
      'measurement_count',
      'measurement_start_day',
      'ok_count',
      'probe_cc',
    ]);
  });

  it('should not query when the time axis is invalid', async () => {
    const { service, calls } = setup();
    await expect(service.aggregate(parseAggregationParams({ axis_x: 'measurement_start_day' }), NOW)).rejects.toThrow();
    expect(calls).toHaveLength(0);
  });

  it('should render CSV with a download name on request', async () => {
    const { service } = setup([{ ...counts, probe_cc: 'IT' }]);
    const r = await service.aggregate(
      parseAggregationParams({ axis_x: 'probe_cc', format: 'CSV', download: 'true' }),
      NOW,
    );
    expect(r.kind).toBe('csv');
    expect(r.filename).toBe('ooni-aggregate-data.csv');
    expect(r.body).toBe(
      'anomaly_count,confirmed_count,failure_count,measurement_count,ok_count,probe_cc\r\n1,0,1,4,2,IT\r\n',
    );
  });

  it('should cache settled ranges long and recent or open ranges briefly', () => {
    const { service } = setup();
    expect(service.maxAge(undefined, NOW)).toBe(300);
    expect(service.maxAge(new Date('2024-06-08T12:00:00Z'), NOW)).toBe(300);
    expect(service.maxAge(new Date('2024-06-07T12:00:00Z'), NOW)).toBe(86400);
  });

  it('should add the anomaly rate to torsf rows', async () => {
    const row = {
      measurement_start_day: '2021-07-29',
      probe_cc: 'IT',
      anomaly_count: 1,
      confirmed_count: 0,
      failure_count: 0,
      measurement_count: 4,
    };
    const { service } = setup([], [row]);
    const r = await service.torsfStats({}, NOW);
    expect(r.body).toEqual({ v: 0, result: [{ ...row, anomaly_rate: 0.25 }] });
    expect(Object.keys((r.body as { result: object[] }).result[0])[0]).toBe('anomaly_count');
  });
});
