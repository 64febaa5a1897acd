import { ApiProperty } from '@nestjs/swagger';
import { TestListEntryDto } from './test-list-urls.response.dto';
import { UrlPriorityRuleDto } from './url-priority.dto';

export class CountedEntryDto {
  @ApiProperty()
  category_code!: string;

  @ApiProperty()
  domain!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ description: 'ZZ for the global list' })
  cc!: string;

  @ApiProperty()
  msmt_cnt!: number;
}

export class DebugPrioritizationResponseDto {
  @ApiProperty({ type: [TestListEntryDto] })
  test_items!: TestListEntryDto[];

  @ApiProperty({ type: [CountedEntryDto] })
  entries!: CountedEntryDto[];

  @ApiProperty({ type: [UrlPriorityRuleDto] })
  prio_rules!: UrlPriorityRuleDto[];
}

export class CountryPriorityRowDto {
  @ApiProperty({ description: 'Percentage of anomalous measurements last week' })
  anomaly_perc!: number;

  @ApiProperty()
  category_code!: string;

  @ApiProperty()
  cc!: string;

  @ApiProperty()
  domain!: string;

  @ApiProperty({ description: 'Measurements last week from the same country' })
  msmt_cnt!: number;

  @ApiProperty()
  priority!: number;

  @ApiProperty()
  url!: string;
}
