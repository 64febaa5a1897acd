import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Check, isStringMatching } from '../../../common/validation/query-transforms';
import { CC_PATTERN, PrioListQueryDto } from './prio-list.query.dto';

const DEBUG_PATTERN = /^(true|false|1|0|yes|no)?$/i;

export class TestListUrlsQueryDto extends PrioListQueryDto {
  @ApiPropertyOptional({ description: 'Two letter country code (case-insensitive); default: probe_cc, then ZZ' })
  @IsOptional()
  @Check(isStringMatching(CC_PATTERN), 'Invalid CC value in parameter country_code')
  @Matches(CC_PATTERN, { message: 'Invalid CC value in parameter country_code' })
  country_code?: string;

  @ApiPropertyOptional({ description: 'Include measurement counts, priority and weight', enum: ['true', 'false'] })
  @IsOptional()
  @Check(isStringMatching(DEBUG_PATTERN), 'Invalid debug value')
  @Matches(DEBUG_PATTERN, { message: 'Invalid debug value' })
  debug?: string;
}
