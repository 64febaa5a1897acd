import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { parseIncidentTime } from '../incident-time';

/** Bounds of every text field (characters) and list (items). */
export const INCIDENT_LIMITS = {
  id: 64,
  title: 500,
  shortDescription: 5000,
  text: 200_000,
  reportedBy: 200,
  email: 254,
  eventType: 100,
  slug: 64,
  label: 100,
  labels: 100,
  ccs: 300,
  asns: 1000,
  domains: 1000,
  links: 100,
} as const;

// Letters, digits and dashes, not only digits (an all-digit key reads as an id in /show).
export const SLUG_RE = /^(?!\d+$)[0-9A-Za-z-]{1,64}$/;
const CC_RE = /^[A-Za-z]{2}$/;
const DOMAIN_RE = /^\S{1,255}$/;
// Links are rendered as anchors by Explorer: only http(s), never javascript: or data: URLs.
const LINK_RE = /^https?:\/\/\S{1,2040}$/i;
const MAX_ASN = 4294967295;

const IsIncidentTime = (): PropertyDecorator =>
  ValidateBy({
    name: 'isIncidentTime',
    validator: {
      validate: (value: unknown) => parseIncidentTime(value) !== null,
      defaultMessage: (args) => `${args?.property} must be an ISO 8601 time such as 2024-01-31T00:00:00Z`,
    },
  });

const upperCaseItems = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v)) : value;
const idToString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
// Legacy clients send published as 0/1.
const flagToBoolean = ({ value }: { value: unknown }): unknown => (value === 0 || value === 1 ? value === 1 : value);

/** `{"id"}`: publish and unpublish (newer `OONIFindingId`). */
export class IncidentIdDto {
  @ApiPropertyOptional({ type: String, description: 'The id returned by create', example: '372931250001' })
  @Transform(idToString)
  @IsOptional()
  @IsString()
  @MaxLength(INCIDENT_LIMITS.id)
  id?: string | null;
}

/** `{"id", "email_address"}`: delete (newer `OONIFindingWithMail`). */
export class IncidentDeleteDto extends IncidentIdDto {
  @ApiPropertyOptional({ description: "The caller's own email address (checked against the session)" })
  @IsOptional()
  @IsString()
  @MaxLength(INCIDENT_LIMITS.email)
  email_address?: string | null = '';
}

/** A whole finding: create and update (newer `OONIFindingCreateUpdate`). Unknown keys are ignored. */
export class IncidentBodyDto extends IncidentDeleteDto {
  @ApiProperty({ maxLength: INCIDENT_LIMITS.title })
  @IsString()
  @MinLength(1, { message: 'title cannot be empty' })
  @MaxLength(INCIDENT_LIMITS.title)
  title!: string;

  @ApiProperty({ description: 'Markdown, stored and returned as given', maxLength: INCIDENT_LIMITS.text })
  @IsString()
  @MinLength(1, { message: 'text cannot be empty' })
  @MaxLength(INCIDENT_LIMITS.text)
  text!: string;

  @ApiPropertyOptional({ maxLength: INCIDENT_LIMITS.shortDescription })
  @IsOptional()
  @IsString()
  @MaxLength(INCIDENT_LIMITS.shortDescription)
  short_description?: string | null = '';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'URL key; generated from the year and the title when absent',
    example: '2024-china-is-blocking-ooni',
  })
  @IsOptional()
  @IsString()
  @Matches(SLUG_RE, { message: 'slug must be 1-64 letters, digits and dashes, not only digits' })
  slug?: string | null;

  @ApiProperty({ example: '2024-01-31T00:00:00Z' })
  @IsIncidentTime()
  start_time!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2024-02-29T00:00:00Z' })
  @IsOptional()
  @IsIncidentTime()
  end_time?: string | null;

  @ApiPropertyOptional({ description: 'Name shown as the author', maxLength: INCIDENT_LIMITS.reportedBy })
  @IsOptional()
  @IsString()
  @MaxLength(INCIDENT_LIMITS.reportedBy)
  reported_by?: string | null = '';

  @ApiPropertyOptional({
    default: false,
    description: 'Only admins may change it; absent on an update by its author: unchanged',
  })
  @Transform(flagToBoolean)
  @IsOptional()
  @IsBoolean()
  published?: boolean | null;

  @ApiPropertyOptional({ example: 'incident', maxLength: INCIDENT_LIMITS.eventType })
  @IsOptional()
  @IsString()
  @MaxLength(INCIDENT_LIMITS.eventType)
  event_type?: string | null = '';

  @ApiPropertyOptional({ type: [Number], example: [3269] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_LIMITS.asns)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_ASN, { each: true })
  ASNs?: number[] | null = [];

  @ApiPropertyOptional({ type: [String], example: ['IT'] })
  @Transform(upperCaseItems)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_LIMITS.ccs)
  @Matches(CC_RE, { each: true, message: 'CCs must be two letter country codes' })
  CCs?: string[] | null = [];

  @ApiPropertyOptional({ type: [String], example: ['social_media'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_LIMITS.labels)
  @IsString({ each: true })
  @Length(1, INCIDENT_LIMITS.label, { each: true })
  themes?: string[] | null = [];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_LIMITS.labels)
  @IsString({ each: true })
  @Length(1, INCIDENT_LIMITS.label, { each: true })
  tags?: string[] | null = [];

  @ApiPropertyOptional({ type: [String], example: ['web_connectivity'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_LIMITS.labels)
  @IsString({ each: true })
  @Length(1, INCIDENT_LIMITS.label, { each: true })
  test_names?: string[] | null = [];

  @ApiPropertyOptional({ type: [String], example: ['www.facebook.com'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_LIMITS.domains)
  @Matches(DOMAIN_RE, { each: true, message: 'domains must be non-empty, without spaces, at most 255 characters' })
  domains?: string[] | null = [];

  @ApiPropertyOptional({ type: [String], example: ['https://ooni.org/post/2024-example/'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_LIMITS.links)
  @Matches(LINK_RE, { each: true, message: 'links must be http(s) URLs of at most 2048 characters' })
  links?: string[] | null = [];
}
