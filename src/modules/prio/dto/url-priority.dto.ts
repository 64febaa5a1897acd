import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Check, isStringMatching } from '../../../common/validation/query-transforms';

const CATEGORY_RULE = /^(\*|[A-Z]{2,10})?$/;
const CC_RULE = /^(\*|[A-Za-z]{2})?$/;
const DOMAIN_RULE = /^(\*|[A-Za-z0-9_\-.:[\]]{1,255})?$/;
const URL_RULE = /^(\*|https?:\/\/\S{1,2040})?$/;
const MAX_PRIORITY = 1_000_000;

const isPriority = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_PRIORITY;
const isObject = (value: unknown): boolean => typeof value === 'object' && !Array.isArray(value);

/** A prioritization rule as sent by the Test List Editor; missing or empty fields mean `*`. */
export class UrlPriorityEntryDto {
  @ApiPropertyOptional({ description: 'Category code or *', example: 'NEWS' })
  @Check(isStringMatching(CATEGORY_RULE), 'category_code must be an upper-case category code or *')
  @IsOptional()
  @IsString()
  @Matches(CATEGORY_RULE)
  category_code?: string;

  @ApiPropertyOptional({ description: 'Two letter country code or *', example: '*' })
  @Check(isStringMatching(CC_RULE), 'cc must be a two letter country code or *')
  @IsOptional()
  @IsString()
  @Matches(CC_RULE)
  cc?: string;

  @ApiPropertyOptional({ description: 'Domain or *', example: '*' })
  @Check(isStringMatching(DOMAIN_RULE), 'domain must be a domain name or *')
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @Matches(DOMAIN_RULE)
  domain?: string;

  @ApiPropertyOptional({ description: 'URL or *', example: '*' })
  @Check(isStringMatching(URL_RULE), 'url must be an http(s) URL or *')
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(URL_RULE)
  url?: string;

  @ApiProperty({ description: 'Relative priority, may be negative; required', example: 100 })
  @Check(isPriority, `priority must be an integer between -${MAX_PRIORITY} and ${MAX_PRIORITY}`)
  @IsOptional()
  @IsInt()
  @Min(-MAX_PRIORITY)
  @Max(MAX_PRIORITY)
  priority?: number;
}

export class UrlPriorityRuleDto {
  @ApiProperty({ example: 'NEWS' })
  category_code!: string;

  @ApiProperty({ example: '*' })
  cc!: string;

  @ApiProperty({ example: '*' })
  domain!: string;

  @ApiProperty({ example: '*' })
  url!: string;

  @ApiProperty({ example: 100 })
  priority!: number;
}

export class UrlPrioritiesListResponseDto {
  @ApiProperty({ type: [UrlPriorityRuleDto] })
  rules!: UrlPriorityRuleDto[];
}

export class UpdateUrlPriorityRequestDto {
  @ApiPropertyOptional({ type: UrlPriorityEntryDto, description: 'The rule as it is now; absent: create' })
  @Check(isObject, 'old_entry must be an object')
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UrlPriorityEntryDto)
  old_entry?: UrlPriorityEntryDto | null;

  @ApiPropertyOptional({ type: UrlPriorityEntryDto, description: 'The rule as it should be; absent: delete' })
  @Check(isObject, 'new_entry must be an object')
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UrlPriorityEntryDto)
  new_entry?: UrlPriorityEntryDto | null;
}
