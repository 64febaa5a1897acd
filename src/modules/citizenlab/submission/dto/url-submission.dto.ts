import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_FIELD_LENGTH, MAX_URL_LENGTH } from '../../test-list.validation';

/** One URL of a test list as the Test List Editor shows and sends it. */
export class TestListEntryDto {
  @ApiProperty({ example: 'https://www.example.org/' })
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @ApiProperty({ description: 'Code from the category legend', example: 'NEWS' })
  @IsString()
  @MaxLength(16)
  category_code!: string;

  @ApiProperty({ description: 'YYYY-MM-DD', example: '2024-01-31' })
  @IsString()
  @MaxLength(10)
  date_added!: string;

  @ApiProperty({ example: '' })
  @IsString()
  @MaxLength(MAX_FIELD_LENGTH)
  source!: string;

  @ApiProperty({ example: '' })
  @IsString()
  @MaxLength(MAX_FIELD_LENGTH)
  notes!: string;
}

/** Create (no old_entry), edit (both) or delete (no new_entry) one URL of one list. */
export class UpdateUrlRequestDto {
  @ApiProperty({ description: 'Two letter country code or "global"', example: 'it' })
  @IsString()
  @MaxLength(8)
  country_code!: string;

  @ApiPropertyOptional({ description: 'Commit message', example: 'Add https://www.example.org/ to it.csv' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;

  @ApiPropertyOptional({
    type: TestListEntryDto,
    nullable: true,
    description: 'The entry as last read: a stale one is refused',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TestListEntryDto)
  old_entry?: TestListEntryDto | null;

  @ApiPropertyOptional({ type: TestListEntryDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TestListEntryDto)
  new_entry?: TestListEntryDto | null;
}

export class UpdateUrlResponseDto {
  @ApiProperty({ type: TestListEntryDto, nullable: true })
  updated_entry!: TestListEntryDto | null;
}

export class SubmitResponseDto {
  @ApiProperty({
    description: 'API URL of the pull request',
    example: 'https://api.github.com/repos/citizenlab/test-lists/pulls/800',
  })
  pr_id!: string;
}

export class TestListChangeDto extends TestListEntryDto {
  @ApiProperty({ enum: ['add', 'delete'] })
  action!: string;
}

export class UserTestListResponseDto {
  @ApiProperty({ type: [TestListEntryDto], nullable: true, description: 'null: no list for this country' })
  test_list!: TestListEntryDto[] | null;

  @ApiProperty({
    description: 'Per list (country code or global): the changes not yet merged upstream',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/TestListChangeDto' } },
  })
  changes!: Record<string, TestListChangeDto[]>;

  @ApiProperty({ enum: ['CLEAN', 'IN_PROGRESS', 'PR_OPEN'] })
  state!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Browsable URL of the open pull request' })
  pr_url!: string | null;
}
