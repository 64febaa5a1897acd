import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TestListEntryDto {
  @ApiProperty({ example: 'NEWS' })
  category_code!: string;

  @ApiProperty({ description: 'Country of the list the URL comes from, XX for the global list', example: 'XX' })
  country_code!: string;

  @ApiProperty({ example: 'https://www.example.org/' })
  url!: string;

  @ApiPropertyOptional({ description: 'Recent measurements from the network (debug only)' })
  msmt_cnt?: number;

  @ApiPropertyOptional({ description: 'Sum of the matching rules (debug only)' })
  priority?: number;

  @ApiPropertyOptional({ description: 'priority / max(msmt_cnt, 0.1) (debug only)' })
  weight?: number;
}

export class TestListMetadataDto {
  @ApiProperty({ description: 'Number of results' })
  count!: number;

  @ApiProperty({ description: 'Always -1 (legacy)', example: -1 })
  current_page!: number;

  @ApiProperty({ description: 'Always -1 (legacy)', example: -1 })
  limit!: number;

  @ApiProperty({ description: 'Always empty (legacy)', example: '' })
  next_url!: string;

  @ApiProperty({ description: 'Always 1 (legacy)', example: 1 })
  pages!: number;
}

export class TestListUrlsResponseDto {
  @ApiProperty({ type: TestListMetadataDto })
  metadata!: TestListMetadataDto;

  @ApiProperty({ type: [TestListEntryDto], description: 'Most urgent first' })
  results!: TestListEntryDto[];
}
