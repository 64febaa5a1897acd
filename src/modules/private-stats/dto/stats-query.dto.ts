import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, MaxLength } from 'class-validator';
import { IntParam } from '../../../common/validation/query-transforms';

const CC_RE = /^[A-Za-z]{2}$/;
/** `AS123` or `123`; at most 10 digits (32-bit ASNs). */
export const ASN_RE = /^(AS)?\d{1,10}$/;
const TEST_GROUPS_RE = /^[a-z_]{1,40}(,[a-z_]{1,40}){0,20}$/;
const TEST_NAME_RE = /^[a-z_]{1,60}$/;
const MAX_INPUT_LENGTH = 2048;

const upper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

/** `AS123` / `123` → 123 (validated by ASN_RE first). */
export const asnNumber = (value: string): number => Number(value.replace(/^AS/, ''));

export class ProbeCcQueryDto {
  @ApiProperty({ description: 'Two letter country code', example: 'IT' })
  @Transform(upper)
  @Matches(CC_RE, { message: 'missing or incorrect probe_cc' })
  probe_cc!: string;
}

export class TestCoverageQueryDto extends ProbeCcQueryDto {
  @ApiPropertyOptional({
    description: 'Comma separated test groups filtering network_coverage',
    example: 'websites,im',
  })
  @IsOptional()
  @Matches(TEST_GROUPS_RE, { message: 'invalid test_groups' })
  test_groups?: string;
}

export class ProbeNetworkQueryDto extends ProbeCcQueryDto {
  @ApiProperty({ description: 'ASN, with or without the AS prefix', example: 'AS30722' })
  @Matches(ASN_RE, { message: 'missing or incorrect probe_asn' })
  probe_asn!: string;
}

export class WebsiteStatsQueryDto extends ProbeNetworkQueryDto {
  @ApiPropertyOptional({ description: 'URL; without it there are no results', example: 'https://www.example.org/' })
  @IsOptional()
  @Matches(/^[^\s]+$/, { message: 'invalid input' })
  @MaxLength(MAX_INPUT_LENGTH, { message: 'invalid input' })
  input?: string;
}

export class WebsiteUrlsQueryDto extends ProbeNetworkQueryDto {
  @ApiPropertyOptional({ type: Number, description: 'Page size, at most 1000; 0 or less: 10', default: 10 })
  @IsOptional()
  @IntParam(-1_000_000, 1000, 'invalid limit')
  @IsInt({ message: 'invalid limit' })
  limit?: number;

  @ApiPropertyOptional({ type: Number, default: 0 })
  @IsOptional()
  @IntParam(0, 1_000_000_000, 'invalid offset')
  @IsInt({ message: 'invalid offset' })
  offset?: number;
}

export class ImStatsQueryDto extends ProbeNetworkQueryDto {
  @ApiProperty({ enum: ['facebook_messenger', 'signal', 'telegram', 'whatsapp'] })
  @Matches(TEST_NAME_RE, { message: 'invalid test_name' })
  test_name!: string;
}

export class DomainQueryDto {
  @ApiProperty({ description: 'Domain name', example: 'www.facebook.com' })
  @Matches(/^[A-Za-z0-9_.-]{1,253}$/, { message: 'missing or invalid domain' })
  domain!: string;
}

export class AsnQueryDto {
  @ApiProperty({ description: 'ASN, with or without the AS prefix', example: '30722' })
  @Matches(ASN_RE, { message: 'missing or invalid asn' })
  asn!: string;
}
