import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export const INCIDENT_ORDER_BY = ['create_time', 'update_time', 'start_time', 'end_time', 'title'] as const;
export type IncidentOrderBy = (typeof INCIDENT_ORDER_BY)[number];

/*
 * Declared for the OpenAPI document and the whitelist; values are checked by
 * parseIncidentSearch. List filters may repeat (`?country_code=IT&country_code=DE`, as the
 * newer API) or be comma separated; a finding matches when it has any of the values.
 */
export class SearchIncidentsQueryDto {
  /** Only the caller's own findings (none for anonymous callers) */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  only_mine?: string | string[];

  /** Theme keys, e.g. social_media */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  theme?: string | string[];

  /** Two letter country codes */
  @ApiPropertyOptional({ type: [String], example: ['IT'] })
  @IsOptional()
  country_code?: string | string[];

  /** ASNs, `AS3269` or `3269` */
  @ApiPropertyOptional({ type: [String], example: ['AS3269'] })
  @IsOptional()
  asn?: string | string[];

  /** Domains */
  @ApiPropertyOptional({ type: [String], example: ['www.facebook.com'] })
  @IsOptional()
  domain?: string | string[];

  /** Only published (true) or unpublished (false) findings; anonymous callers only see published ones */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  published?: string | string[];

  /** Admins only: the findings of one account */
  @ApiPropertyOptional()
  @IsOptional()
  creator_account_id?: string | string[];

  /** Sort key */
  @ApiPropertyOptional({ enum: INCIDENT_ORDER_BY, default: 'create_time' })
  @IsOptional()
  order_by?: string | string[];

  /** Sort direction */
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  order?: string | string[];
}
