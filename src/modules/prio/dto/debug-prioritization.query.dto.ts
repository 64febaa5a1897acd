import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { Check, IntParam, isStringMatching } from './query-transforms';
import { CATEGORY_CODES_PATTERN, CC_PATTERN, MAX_TEST_LIST_LIMIT } from './test-list-urls.query.dto';

const ASN_PATTERN = /^(AS)?\d{1,10}$/i;

export class DebugPrioritizationQueryDto {
  @ApiPropertyOptional({ description: 'Two letter country code; default ZZ', example: 'IT' })
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

  @ApiPropertyOptional({ description: 'Probe ASN, AS3269 or 3269; default 0: every network', example: 'AS3269' })
  @IsOptional()
  @Check(isStringMatching(ASN_PATTERN), 'Invalid ASN value in parameter probe_asn')
  @Matches(ASN_PATTERN, { message: 'Invalid ASN value in parameter probe_asn' })
  probe_asn?: string;

  @ApiPropertyOptional({ type: Number, description: `Maximum number of URLs, 1 to ${MAX_TEST_LIST_LIMIT}` })
  @IsOptional()
  @IntParam(-1, MAX_TEST_LIST_LIMIT, 'Invalid limit', false)
  @IsInt({ message: 'Invalid limit' })
  @Min(-1, { message: 'Invalid limit' })
  @Max(MAX_TEST_LIST_LIMIT, { message: 'Invalid limit' })
  @NotEquals(0, { message: 'Invalid limit' })
  limit?: number;
}
