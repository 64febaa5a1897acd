import { parseAggregationParams, toAggregationQuery } from '../../../src/modules/aggregation/aggregation.params';
import { wholeDays } from '../../../src/modules/counters/counters-plan';
import { countersTableFor } from '../../../src/modules/fastpath-store/aggregation-counters.sql';

const query = (params: Record<string, string>) => toAggregationQuery(parseAggregationParams(params));

describe('counters plan', () => {
  describe(wholeDays.name, () => {
    it('should keep only the whole days of a range that does not start or end at midnight', () => {
      expect(wholeDays(new Date('2024-03-03T13:20:00Z'), new Date('2024-03-28T06:00:00Z'))).toEqual({
        first: '2024-03-04',
        end: '2024-03-28',
      });
    });

    it('should include the first day when the range starts at midnight, and open ends', () => {
      expect(wholeDays(new Date('2024-03-01T00:00:00Z'), undefined)).toEqual({
        first: '2024-03-01',
        end: '2106-01-01',
      });
      expect(wholeDays(undefined, new Date('2024-03-02T00:00:00Z'))).toEqual({
        first: '1970-01-01',
        end: '2024-03-02',
      });
    });

    it('should find no whole day inside one day', () => {
      expect(wholeDays(new Date('2024-03-01T01:00:00Z'), new Date('2024-03-01T23:00:00Z'))).toBeUndefined();
      expect(wholeDays(new Date('2024-03-01T01:00:00Z'), new Date('2024-03-02T23:00:00Z'))).toBeUndefined();
    });
  });

  describe(countersTableFor.name, () => {
    const range = { since: '2024-03-01', until: '2024-04-01' };

    it('should use the network rollup for networks, and the country rollup without them', () => {
      expect(countersTableFor(query({ ...range, axis_x: 'measurement_start_day', axis_y: 'probe_asn' }))).toBe(
        'coarse',
      );
      expect(countersTableFor(query({ probe_asn: 'AS3269', axis_x: 'test_name' }))).toBe('coarse');
      expect(countersTableFor(query({ probe_cc: 'IT', test_name: 'signal', axis_x: 'test_name' }))).toBe('country');
      expect(countersTableFor(query({ ...range, axis_x: 'measurement_start_day', axis_y: 'probe_cc' }))).toBe(
        'country',
      );
    });

    it('should use the per-input counters for domains, inputs, categories and blocking types', () => {
      expect(countersTableFor(query({ domain: 'example.org' }))).toBe('fine');
      expect(countersTableFor(query({ input: 'https://example.org/' }))).toBe('fine');
      expect(countersTableFor(query({ category_code: 'NEWS' }))).toBe('fine');
      expect(countersTableFor(query({ axis_x: 'blocking_type' }))).toBe('fine');
      expect(countersTableFor(query({ axis_x: 'category_code' }))).toBe('fine');
    });

    it('should leave hours and OONI Run links to fastpath', () => {
      expect(countersTableFor(query({ ooni_run_link_id: '1234' }))).toBeUndefined();
      expect(
        countersTableFor(query({ since: '2024-03-01', until: '2024-03-03', axis_x: 'measurement_start_day' })),
      ).toBeUndefined();
    });
  });
});
