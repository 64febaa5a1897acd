import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AXES, TIME_GRAINS } from '../aggregation.types';

/*
 * Declared for the OpenAPI document and the whitelist; values are checked by
 * parseAggregationParams, which keeps the legacy order and messages.
 */
export class AggregationQueryDto {
  /** The input (for example a URL or IP address) to search measurements for */
  @ApiPropertyOptional({ minLength: 3, example: 'https://www.example.com/' })
  @IsOptional()
  input?: string;

  /** Domain to search measurements for, comma separated */
  @ApiPropertyOptional({ minLength: 3, example: 'twitter.com,facebook.com' })
  @IsOptional()
  domain?: string;

  /** The category code from the citizenlab list */
  @ApiPropertyOptional({ example: 'NEWS' })
  @IsOptional()
  category_code?: string;

  /** Two letter capitalized country codes, comma separated */
  @ApiPropertyOptional({ minLength: 2, example: 'IT,DE' })
  @IsOptional()
  probe_cc?: string;

  /** Autonomous system number in the format ASxxx, comma separated */
  @ApiPropertyOptional({ example: 'AS3269' })
  @IsOptional()
  probe_asn?: string;

  /** Name of the tests, comma separated */
  @ApiPropertyOptional({ example: 'web_connectivity' })
  @IsOptional()
  test_name?: string;

  /** OONIRun descriptors comma separated */
  @ApiPropertyOptional()
  @IsOptional()
  ooni_run_link_id?: string;

  /** The start date of when measurements were run (ex. "2016-10-20T10:30:00"), inclusive */
  @ApiPropertyOptional({ example: '2024-01-01' })
  @IsOptional()
  since?: string;

  /** The end date of when measurement were run (ex. "2016-10-20T10:30:00"), exclusive */
  @ApiPropertyOptional({ example: '2024-02-01' })
  @IsOptional()
  until?: string;

  /** Time granularity. Used only when the X or Y axis represent time. */
  @ApiPropertyOptional({ enum: TIME_GRAINS, default: 'auto' })
  @IsOptional()
  time_grain?: string;

  /** The dimension on the x axis e.g. measurement_start_day */
  @ApiPropertyOptional({ enum: AXES })
  @IsOptional()
  axis_x?: string;

  /** The dimension on the y axis e.g. probe_cc */
  @ApiPropertyOptional({ enum: AXES })
  @IsOptional()
  axis_y?: string;

  /** Output format, JSON (default) or CSV */
  @ApiPropertyOptional({ enum: ['JSON', 'CSV'], default: 'JSON' })
  @IsOptional()
  format?: string;

  /** If we should be triggering a file download */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  download?: string;
}
