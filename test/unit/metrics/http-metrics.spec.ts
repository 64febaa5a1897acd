import { routeMetricName } from '../../../src/common/metrics/http-metrics';

describe('routeMetricName', () => {
  it('should name a route by its pattern, not by the values in its URL', () => {
    expect(routeMetricName('/api/v1/measurement/:measurement_uid')).toBe('api_v1_measurement_measurement_uid');
    expect(routeMetricName('/report/:report_id')).toBe('report_report_id');
    expect(routeMetricName('/api/_/asn_by_month')).toBe('api_asn_by_month');
  });

  it('should give StatsD-safe names to the root and to requests no route matched', () => {
    expect(routeMetricName('/')).toBe('root');
    expect(routeMetricName(undefined)).toBe('unmatched');
    expect(routeMetricName('/files/*')).toBe('files');
  });
});
