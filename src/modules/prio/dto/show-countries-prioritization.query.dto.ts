import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Check, isStringMatching } from '../../../common/validation/query-transforms';

const FORMAT_PATTERN = /^(json|csv)$/i;

export class ShowCountriesPrioritizationQueryDto {
  @ApiPropertyOptional({ description: 'Output format', enum: ['JSON', 'CSV'], default: 'JSON' })
  @IsOptional()
  @Check(isStringMatching(FORMAT_PATTERN), 'Invalid format')
  @Matches(FORMAT_PATTERN, { message: 'Invalid format' })
  format?: string;
}
