import { ClickHouseClient } from '@clickhouse/client';
import { Inject, Injectable } from '@nestjs/common';
import { CLICKHOUSE } from '../../common/clickhouse/clickhouse.constants';
import { SqlExample } from '../../common/clickhouse/sql-example.decorator';
import { AggregationError } from '../aggregation/aggregation.errors';
import { AGGREGATION_OPTIONS, AggregationOptions } from '../aggregation/aggregation.options';
import { AggregationQuery, AggregationRow, QueryOutcome, TorsfQuery, TorsfRow } from '../aggregation/aggregation.types';
import { CountersSplit } from '../counters/counters-split';
import { buildCountersAggregationSql, CountersTable } from './aggregation-counters.sql';
import { buildAggregationSql, buildTorsfSql, BuiltSql } from './aggregation.sql';

interface JsonResult<T> {
  data: T[];
  statistics?: { elapsed?: number; rows_read?: number; bytes_read?: number };
}

/** ClickHouse error codes of a valid query that is too expensive to answer. */
const TOO_EXPENSIVE = new Set([159, 160, 241, 396]);

function clickhouseCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  if (typeof code === 'number') return code;
  const m = /Code: (\d+)/.exec(String((err as Error)?.message ?? ''));
  return m ? Number(m[1]) : undefined;
}

/** Aggregations over `fastpath` (joined with `citizenlab` for categories). */
@Injectable()
export class FastpathAggregationReader {
  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(AGGREGATION_OPTIONS) private readonly options: AggregationOptions,
  ) {}

  @SqlExample(
    {
      name: 'by day and country',
      params: [
        {
          axes: ['measurement_start_day', 'probe_cc'],
          timeGrain: 'day',
          testNames: ['web_connectivity'],
          domains: [],
          probeAsns: [],
          probeCcs: [],
          ooniRunLinkIds: [],
          since: new Date('2024-01-01T00:00:00Z'),
          until: new Date('2024-02-01T00:00:00Z'),
        },
      ],
    },
    {
      name: 'by category, every filter',
      params: [
        {
          axes: ['category_code'],
          categoryCode: 'NEWS',
          testNames: ['web_connectivity', 'signal'],
          domains: ['example.org'],
          input: 'https://example.org/',
          probeAsns: [30722],
          probeCcs: ['IT', 'DE'],
          ooniRunLinkIds: ['10009'],
          since: new Date('2024-01-01T00:00:00Z'),
          until: new Date('2024-01-08T00:00:00Z'),
        },
      ],
    },
  )
  aggregate(q: AggregationQuery): Promise<QueryOutcome<AggregationRow>> {
    return this.run<AggregationRow>(buildAggregationSql(q, { final: this.options.final }));
  }

  /** The same answer as `aggregate(q)`: the split's days from a counters table, the rest (if any) from fastpath. */
  @SqlExample(
    {
      name: 'by day and country, two clean days and partial edges',
      params: [
        {
          axes: ['measurement_start_day', 'probe_cc'],
          timeGrain: 'day',
          testNames: ['web_connectivity'],
          domains: [],
          probeAsns: [],
          probeCcs: [],
          ooniRunLinkIds: [],
          since: new Date('2024-01-01T12:00:00Z'),
          until: new Date('2024-01-05T00:00:00Z'),
        },
        'coarse',
        { first: '2024-01-02', end: '2024-01-05', rawDays: ['2024-01-03'], raw: true },
      ],
    },
    {
      name: 'by category',
      params: [
        {
          axes: ['category_code'],
          categoryCode: 'NEWS',
          testNames: [],
          domains: [],
          probeAsns: [],
          probeCcs: ['IT'],
          ooniRunLinkIds: [],
          since: new Date('2024-01-01T00:00:00Z'),
          until: new Date('2024-01-03T00:00:00Z'),
        },
        'fine',
        { first: '2024-01-01', end: '2024-01-03', rawDays: [], raw: false },
      ],
    },
  )
  aggregateWithCounters(
    q: AggregationQuery,
    table: CountersTable,
    split: CountersSplit,
  ): Promise<QueryOutcome<AggregationRow>> {
    return this.run<AggregationRow>(buildCountersAggregationSql(q, table, split, { final: this.options.final }));
  }

  @SqlExample({
    params: [{ probeCc: 'IT', since: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-02-01T00:00:00Z') }],
  })
  torsfStats(q: TorsfQuery): Promise<QueryOutcome<TorsfRow>> {
    return this.run<TorsfRow>(buildTorsfSql(q, { final: this.options.final }));
  }

  private async run<T>(built: BuiltSql): Promise<QueryOutcome<T>> {
    let result: JsonResult<T>;
    try {
      const rs = await this.client.query({
        query: built.sql,
        query_params: built.params,
        // JSON (not JSONEachRow) carries the read statistics legacy returns as db_stats.
        format: 'JSON',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      });
      result = await rs.json<T>();
    } catch (err) {
      const code = clickhouseCode(err);
      if (code !== undefined && TOO_EXPENSIVE.has(code)) {
        throw new AggregationError('Query too expensive: narrow the filters or the time range');
      }
      throw err;
    }
    const s = result.statistics ?? {};
    const rowsRead = Number(s.rows_read ?? 0);
    return {
      rows: result.data,
      stats: {
        row_count: rowsRead,
        bytes: Number(s.bytes_read ?? 0),
        total_row_count: rowsRead,
        elapsed_seconds: Number(s.elapsed ?? 0),
      },
    };
  }
}
