import { ClickHouseClient } from '@clickhouse/client';
import { parseAggregationParams, toAggregationQuery } from '../../src/modules/aggregation/aggregation.params';
import { buildAggregationSql } from '../../src/modules/fastpath-store/aggregation.sql';

type Json = Record<string, unknown>;

/**
 * The reference answer of a MAT question: the legacy query on `fastpath FINAL`, formatted as the
 * API formats it (time labels 2024-03-15T16:00:00Z for hours, 2024-03-15 for coarser grains).
 */
export async function finalAggregationAnswer(
  clickhouse: ClickHouseClient,
  params: Record<string, string>,
): Promise<Json[]> {
  const q = toAggregationQuery(parseAggregationParams(params));
  const { sql, params: queryParams } = buildAggregationSql(q, { final: true });
  const rs = await clickhouse.query({
    query: sql,
    query_params: queryParams,
    format: 'JSON',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const data = (await rs.json<Json>()).data;
  if (q.timeGrain === undefined) return data;
  const label = (v: string): string => (q.timeGrain === 'hour' ? `${v.replace(' ', 'T')}Z` : v.slice(0, 10));
  return data.map((r) => ({ ...r, measurement_start_day: label(String(r.measurement_start_day)) }));
}
