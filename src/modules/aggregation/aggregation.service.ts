import { Inject, Injectable, Optional } from '@nestjs/common';
import { rowsToCsv } from '../../common/csv/rows-to-csv';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { CountersService } from '../counters/counters.service';
import { countersTableFor } from '../fastpath-store/aggregation-counters.sql';
import { queryBounds } from '../fastpath-store/aggregation.sql';
import { FastpathAggregationReader } from '../fastpath-store/fastpath-aggregation.reader';
import { AGGREGATION_OPTIONS, AggregationOptions } from './aggregation.options';
import { toAggregationQuery } from './aggregation.params';
import {
  AggregationParams,
  AggregationQuery,
  AggregationRow,
  DbStats,
  QueryOutcome,
  TimeGrain,
  TorsfQuery,
} from './aggregation.types';

export interface AggregationJson {
  v: 0;
  dimension_count: number;
  result: AggregationRow | AggregationRow[];
  db_stats: DbStats;
}

export interface TorsfStatsRow {
  anomaly_count: number;
  anomaly_rate: number;
  confirmed_count: number;
  failure_count: number;
  measurement_count: number;
  measurement_start_day: string;
  probe_cc: string;
}

export interface TorsfStatsJson {
  v: 0;
  result: TorsfStatsRow[];
}

/** A response ready for the controller: body, media type, download name and cache lifetime. */
export type Rendered<T> =
  | { kind: 'json'; body: T; filename?: string; maxAgeS: number }
  | { kind: 'csv'; body: string; filename?: string; maxAgeS: number };

/** Keys in sorted order, as legacy's JSON encoder wrote them. */
function sortedKeys<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(row).sort()) out[k] = (row as Record<string, unknown>)[k];
  return out as T;
}

/** Legacy formats: an hour as 2021-07-09T01:00:00Z, coarser grains as 2021-07-09. */
function formatTimeAxis(value: unknown, grain: TimeGrain): unknown {
  if (typeof value !== 'string') return value;
  const day = value.slice(0, 10);
  return grain === 'hour' ? `${day}T${value.length >= 19 ? value.slice(11, 19) : '00:00:00'}Z` : day;
}

@Injectable()
export class AggregationService {
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly repository: FastpathAggregationReader,
    @Inject(AGGREGATION_OPTIONS) private readonly options: AggregationOptions,
    metrics: MetricsService,
    // Without it (unit tests of the legacy behaviour) every query reads fastpath alone.
    @Optional() private readonly counters?: CountersService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  async aggregate(p: AggregationParams, now = new Date()): Promise<Rendered<AggregationJson>> {
    const query = toAggregationQuery(p);
    const { axes, timeGrain } = query;
    const started = performance.now();
    const { rows, stats } = await this.query(query);
    this.metrics.timing('get_aggregated', performance.now() - started);
    const result = rows.map((row) => {
      const out = { ...row };
      if (timeGrain !== undefined) {
        out.measurement_start_day = formatTimeAxis(row.measurement_start_day, timeGrain) as string;
      }
      return sortedKeys(out);
    });
    const maxAgeS = this.maxAge(p.until, now);
    if (p.format === 'CSV') {
      return {
        kind: 'csv',
        body: rowsToCsv(result),
        filename: p.download ? 'ooni-aggregate-data.csv' : undefined,
        maxAgeS,
      };
    }
    return {
      kind: 'json',
      // Without axes the query has no GROUP BY and always returns exactly one row.
      body: { v: 0, dimension_count: axes.length, result: axes.length === 0 ? result[0] : result, db_stats: stats },
      filename: p.download ? 'ooni-aggregate-data.json' : undefined,
      maxAgeS,
    };
  }

  /** From the counters for the days they answer exactly, else from fastpath alone. */
  private async query(query: AggregationQuery): Promise<QueryOutcome<AggregationRow>> {
    const table = countersTableFor(query);
    const { since, until } = queryBounds(query);
    const split = table === undefined ? undefined : await this.counters?.split(since, until);
    if (table === undefined || split === undefined) return this.repository.aggregate(query);
    return this.repository.aggregateWithCounters(query, table, split);
  }

  async torsfStats(q: TorsfQuery, now = new Date()): Promise<Rendered<TorsfStatsJson>> {
    const started = performance.now();
    const { rows } = await this.repository.torsfStats(q);
    this.metrics.timing('get_torsf_stats', performance.now() - started);
    const result = rows.map((row) =>
      sortedKeys({
        ...row,
        anomaly_rate: row.measurement_count > 0 ? row.anomaly_count / row.measurement_count : 0,
      }),
    );
    return { kind: 'json', body: { v: 0, result }, maxAgeS: this.maxAge(q.until, now) };
  }

  /**
   * Recent data is still arriving (and the fastpath reprocesses at times): answers that reach into
   * the last `settledAfterH` hours, or have no end, are cached briefly; answers over settled data
   * for a day.
   */
  maxAge(until: Date | undefined, now: Date): number {
    const settled = until !== undefined && until.getTime() <= now.getTime() - this.options.settledAfterH * 3_600_000;
    return settled ? this.options.oldMaxAgeS : this.options.recentMaxAgeS;
  }
}
