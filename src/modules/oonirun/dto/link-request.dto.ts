import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { KNOWN_NETTESTS, KNOWN_TARGETS_NAMES } from '../nettest-names';

const MAX_NETTESTS = 100;
const MAX_TRANSLATIONS = 200;
const LANGUAGE_RE = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,2}$/;

function isTranslations(value: unknown, maxLength: number): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_TRANSLATIONS &&
    entries.every(
      ([lang, text]) =>
        LANGUAGE_RE.test(lang) && typeof text === 'string' && text.length >= 2 && text.length <= maxLength,
    )
  );
}

/** A map of language code to a translation of at least 2 characters (null: none). */
function IsTranslations(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTranslations',
      validator: {
        validate: (value: unknown) => isTranslations(value, maxLength),
        defaultMessage: (args) =>
          `${args?.property} must map language codes to translations of 2 to ${maxLength} characters`,
      },
    },
    options,
  );
}

/** One nettest of a link (service names; `is_*_run_enabled` of bk-005 are accepted too). */
export class NettestDto {
  @ApiProperty({ example: 'web_connectivity' })
  @IsString()
  @IsIn(KNOWN_NETTESTS, { message: 'unknown test_name' })
  test_name!: string;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'inputs (URLs, ...) of the test' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(2048, { each: true })
  inputs?: string[] | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'options of the test' })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown> | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  is_background_run_enabled_default?: boolean | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  is_manual_run_enabled_default?: boolean | null;

  @ApiPropertyOptional({ description: 'bk-005 name of is_background_run_enabled_default' })
  @IsOptional()
  @IsBoolean()
  is_background_run_enabled?: boolean | null;

  @ApiPropertyOptional({ description: 'bk-005 name of is_manual_run_enabled_default' })
  @IsOptional()
  @IsBoolean()
  is_manual_run_enabled?: boolean | null;

  @ApiPropertyOptional({
    nullable: true,
    enum: KNOWN_TARGETS_NAMES,
    description: 'inputs computed for each probe at engine-descriptor time; excludes inputs and inputs_extra',
  })
  @IsOptional()
  @IsIn(KNOWN_TARGETS_NAMES, { message: `targets_name must be one of: ${KNOWN_TARGETS_NAMES.join(', ')}` })
  targets_name?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    nullable: true,
    description: 'one object of extra parameters per input',
  })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  inputs_extra?: Array<Record<string, unknown>> | null;
}

/** Body of POST /api/v2/oonirun/links and PUT /api/v2/oonirun/links/{id}. */
export class LinkRequestDto {
  @ApiProperty({ minLength: 2, maxLength: 50 })
  @IsString()
  @Length(2, 50)
  name!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  @IsOptional()
  @IsTranslations(50)
  name_intl?: Record<string, string> | null;

  @ApiProperty({ minLength: 2, maxLength: 200 })
  @IsString()
  @Length(2, 200)
  short_description!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  @IsOptional()
  @IsTranslations(200)
  short_description_intl?: Record<string, string> | null;

  @ApiPropertyOptional({ minLength: 2, description: 'Markdown (optional in the bk-005 descriptor examples)' })
  @IsOptional()
  @IsString()
  @Length(2, 20_000)
  description?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  @IsOptional()
  @IsTranslations(20_000)
  description_intl?: Record<string, string> | null;

  @ApiProperty({ description: 'email address of the logged-in creator (admins may set any)' })
  @IsString()
  @Length(2, 100)
  author!: string;

  @ApiPropertyOptional({ nullable: true, example: 'OONINettestGroupWebsites' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  icon?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '#3b82f6' })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'color must be # and 6 hex digits' })
  color?: string | null;

  @ApiPropertyOptional({ description: 'ISO 8601 time; defaults to 6 months from now; past: expire the link' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiration_date must be an ISO 8601 date and time' })
  expiration_date?: string | null;

  @ApiProperty({ type: [NettestDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_NETTESTS)
  @ValidateNested({ each: true })
  @Type(() => NettestDto)
  nettests!: NettestDto[];
}
