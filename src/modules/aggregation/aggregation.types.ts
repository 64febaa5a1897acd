/** Dimensions accepted by `axis_x` / `axis_y` (legacy `validate_axis_name`). */
export const AXES = [
  'blocking_type',
  'category_code',
  'domain',
  'input',
  'measurement_start_day',
  'probe_asn',
  'probe_cc',
  'test_name',
] as const;
export type Axis = (typeof AXES)[number];

export const TIME_GRAINS = ['hour', 'day', 'week', 'month', 'year', 'auto'] as const;
export type TimeGrainParam = (typeof TIME_GRAINS)[number];
/** A grain once `auto` has been resolved for the requested range. */
export type TimeGrain = Exclude<TimeGrainParam, 'auto'>;

export const OUTPUT_FORMATS = ['JSON', 'CSV'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The measurement filters of `/api/v1/aggregation`; lists are deduplicated and sorted (legacy `commasplit`). */
export interface AggregationFilters {
  categoryCode?: string;
  testNames: string[];
  domains: string[];
  input?: string;
  probeAsns: number[];
  probeCcs: string[];
  ooniRunLinkIds: string[];
  since?: Date;
  until?: Date;
}

/** Validated `/api/v1/aggregation` parameters. */
export interface AggregationParams extends AggregationFilters {
  axisX?: Axis;
  axisY?: Axis;
  timeGrain: TimeGrainParam;
  format: OutputFormat;
  download: boolean;
}

/** What the repository needs: filters plus the axes, with the time grain resolved. */
export interface AggregationQuery extends AggregationFilters {
  axes: Axis[];
  /** Set when one axis is measurement_start_day. */
  timeGrain?: TimeGrain;
}

export interface AggregationCounts {
  anomaly_count: number;
  confirmed_count: number;
  failure_count: number;
  measurement_count: number;
  ok_count: number;
}

/** One result row: the counters plus one value per requested axis. */
export type AggregationRow = AggregationCounts & Partial<Record<Axis, string | number>>;

/** Legacy `db_stats`: what ClickHouse read to answer. */
export interface DbStats {
  row_count: number;
  bytes: number;
  total_row_count: number;
  elapsed_seconds: number;
}

export interface QueryOutcome<T> {
  rows: T[];
  stats: DbStats;
}

export interface TorsfQuery {
  probeCc?: string;
  since?: Date;
  until?: Date;
}

export interface TorsfRow {
  measurement_start_day: string;
  probe_cc: string;
  anomaly_count: number;
  confirmed_count: number;
  failure_count: number;
  measurement_count: number;
}
