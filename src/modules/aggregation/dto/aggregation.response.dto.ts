import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DbStatsDto {
  @ApiProperty() row_count!: number;
  @ApiProperty() bytes!: number;
  @ApiProperty() total_row_count!: number;
  @ApiProperty() elapsed_seconds!: number;
}

/** Counters are mutually exclusive: anomaly + confirmed + failure + ok = measurement_count. */
export class AggregationResultDto {
  /** Anomalies that are neither confirmed nor failures */
  @ApiProperty() anomaly_count!: number;
  /** Confirmed blocking, failures excluded */
  @ApiProperty() confirmed_count!: number;
  @ApiProperty() failure_count!: number;
  @ApiProperty() ok_count!: number;
  @ApiProperty() measurement_count!: number;
  /** 2021-07-09, or 2021-07-09T01:00:00Z with the hour grain */
  @ApiPropertyOptional() measurement_start_day?: string;
  @ApiPropertyOptional() blocking_type?: string;
  @ApiPropertyOptional() category_code?: string;
  @ApiPropertyOptional() domain?: string;
  @ApiPropertyOptional() input?: string;
  @ApiPropertyOptional() probe_cc?: string;
  @ApiPropertyOptional() probe_asn?: number;
  @ApiPropertyOptional() test_name?: string;
}

export class AggregationResponseDto {
  @ApiProperty({ example: 0 }) v!: number;
  /** Number of axes: 0 (result is one object), 1 or 2 (result is a list) */
  @ApiProperty() dimension_count!: number;
  @ApiProperty({
    oneOf: [
      { $ref: '#/components/schemas/AggregationResultDto' },
      { type: 'array', items: { $ref: '#/components/schemas/AggregationResultDto' } },
    ],
  })
  result!: AggregationResultDto | AggregationResultDto[];
  @ApiProperty() db_stats!: DbStatsDto;
}

export class TorsfStatsRowDto {
  @ApiProperty() anomaly_count!: number;
  /** anomaly_count / measurement_count */
  @ApiProperty() anomaly_rate!: number;
  @ApiProperty() confirmed_count!: number;
  @ApiProperty() failure_count!: number;
  @ApiProperty() measurement_count!: number;
  @ApiProperty({ example: '2021-07-29' }) measurement_start_day!: string;
  @ApiProperty({ example: 'IT' }) probe_cc!: string;
}

export class TorsfStatsResponseDto {
  @ApiProperty({ example: 0 }) v!: number;
  @ApiProperty({ type: [TorsfStatsRowDto] }) result!: TorsfStatsRowDto[];
}
