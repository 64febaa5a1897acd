import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { Check, IntParam, isStringMatching } from '../../../common/validation/query-transforms';

export const CC_PATTERN = /^[A-Za-z]{2}$/;
export const CATEGORY_CODES_PATTERN = /^[A-Za-z, ]{0,1000}$/;
export const MAX_TEST_LIST_LIMIT = 9999;

/** What every prioritized-list query takes: the probe's country, categories and a limit. */
export class PrioListQueryDto {
  @ApiPropertyOptional({ description: 'Two letter country code (case-insensitive); default ZZ', example: 'IT' })
  @IsOptional()
  @Check(isStringMatching(CC_PATTERN), 'Invalid CC value in parameter probe_cc')
  @Matches(CC_PATTERN, { message: 'Invalid CC value in parameter probe_cc' })
  probe_cc?: string;

  @ApiPropertyOptional({ description: 'Comma separated list of URL categories', example: 'NEWS,HUMR' })
  @IsOptional()
  @Check(isStringMatching(CATEGORY_CODES_PATTERN), 'Invalid category_codes value')
  @MaxLength(1000, { message: 'Invalid category_codes value' })
  @Matches(CATEGORY_CODES_PATTERN, { message: 'Invalid category_codes value' })
  category_codes?: string;

  @ApiPropertyOptional({
    type: Number,
    description: `Maximum number of URLs to return, 1 to ${MAX_TEST_LIST_LIMIT}; -1 or absent: ${MAX_TEST_LIST_LIMIT}`,
  })
  @IsOptional()
  @IntParam(-1, MAX_TEST_LIST_LIMIT, 'Invalid limit', false)
  @IsInt({ message: 'Invalid limit' })
  @Min(-1, { message: 'Invalid limit' })
  @Max(MAX_TEST_LIST_LIMIT, { message: 'Invalid limit' })
  @NotEquals(0, { message: 'Invalid limit' })
  limit?: number;
}
