import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DateValueDto {
  @ApiProperty({ example: '2024-01-01T00:00:00+00:00' })
  date!: string;
  @ApiProperty()
  value!: number;
}

export class TestNameDto {
  @ApiProperty({ example: 'web_connectivity' })
  id!: string;
  @ApiProperty({ example: 'Web Connectivity' })
  name!: string;
}

export class TestNamesResponseDto {
  @ApiProperty({ type: [TestNameDto] })
  test_names!: TestNameDto[];
}

export class CountryDto {
  @ApiProperty({ example: 'IT' })
  alpha_2!: string;
  @ApiProperty({ example: 'Italy' })
  name!: string;
  @ApiProperty({ description: 'measurements' })
  count!: number;
}

export class CountriesResponseDto {
  @ApiProperty({ type: [CountryDto] })
  countries!: CountryDto[];
}

export class DayCountDto {
  @ApiProperty({ example: '2024-01-31' })
  test_day!: string;
  @ApiProperty()
  count!: number;
}

export class TestGroupDayDto extends DayCountDto {
  @ApiProperty({ example: 'websites' })
  test_group!: string;
}

export class TestCoverageResponseDto {
  @ApiProperty({ type: [DayCountDto], description: 'networks measured per day' })
  network_coverage!: DayCountDto[];
  @ApiProperty({ type: [TestGroupDayDto], description: 'measurements per day and test group' })
  test_coverage!: TestGroupDayDto[];
}

export class AsnCountDto {
  @ApiProperty()
  count!: number;
  @ApiProperty()
  probe_asn!: number;
}

export class AsnCountsResponseDto {
  @ApiProperty({ type: [AsnCountDto] })
  results!: AsnCountDto[];
}

export class OutcomeCountsDto {
  @ApiProperty()
  anomaly_count!: number;
  @ApiProperty()
  confirmed_count!: number;
  @ApiProperty()
  failure_count!: number;
  @ApiProperty()
  total_count!: number;
}

export class WebsiteDayDto extends OutcomeCountsDto {
  @ApiProperty({ example: '2024-01-31' })
  test_day!: string;
}

export class WebsiteStatsResponseDto {
  @ApiProperty({ type: [WebsiteDayDto] })
  results!: WebsiteDayDto[];
}

export class WebsiteUrlDto extends OutcomeCountsDto {
  @ApiProperty()
  input!: string;
}

export class PageMetadataDto {
  @ApiProperty()
  offset!: number;
  @ApiProperty()
  limit!: number;
  @ApiProperty()
  current_page!: number;
  @ApiProperty()
  total_count!: number;
  @ApiProperty({ type: String, nullable: true })
  next_url!: string | null;
}

export class WebsiteUrlsResponseDto {
  @ApiProperty({ type: PageMetadataDto })
  metadata!: PageMetadataDto;
  @ApiProperty({ type: [WebsiteUrlDto] })
  results!: WebsiteUrlDto[];
}

export class NetworkStatsResponseDto {
  @ApiProperty({ type: PageMetadataDto })
  metadata!: PageMetadataDto;
  @ApiProperty({ type: [Object], description: 'always empty (not implemented in the legacy API either)' })
  results!: unknown[];
}

export class VanillaTorNetworkDto {
  @ApiProperty()
  probe_asn!: number;
  @ApiProperty()
  total_count!: number;
  @ApiProperty()
  success_count!: number;
  @ApiProperty()
  failure_count!: number;
  @ApiProperty({ example: '2024-01-31' })
  last_tested!: string;
  @ApiProperty({ type: Number, nullable: true })
  test_runtime_avg!: null;
  @ApiProperty({ type: Number, nullable: true })
  test_runtime_max!: null;
  @ApiProperty({ type: Number, nullable: true })
  test_runtime_min!: null;
}

export class VanillaTorStatsResponseDto {
  @ApiProperty({ type: [VanillaTorNetworkDto] })
  networks!: VanillaTorNetworkDto[];
  @ApiProperty({ description: 'networks with more than 5 measurements, under 60% successful' })
  notok_networks!: number;
  @ApiProperty({ type: String, nullable: true })
  last_tested!: string | null;
}

export class ImDayDto {
  @ApiProperty({ type: Number, nullable: true })
  anomaly_count!: null;
  @ApiProperty({ example: '2024-01-31T00:00:00+00:00' })
  test_day!: string;
  @ApiProperty()
  total_count!: number;
}

export class ImStatsResponseDto {
  @ApiProperty({ type: [ImDayDto] })
  results!: ImDayDto[];
}

export class CountryOverviewResponseDto {
  @ApiProperty({ type: String, nullable: true, example: '2014-02-01' })
  first_bucket_date!: string | null;
  @ApiProperty()
  measurement_count!: number;
  @ApiProperty()
  network_count!: number;
}

export class GlobalOverviewResponseDto {
  @ApiProperty()
  network_count!: number;
  @ApiProperty()
  country_count!: number;
  @ApiProperty()
  measurement_count!: number;
}

export class GlobalByMonthResponseDto {
  @ApiProperty({ type: [DateValueDto] })
  networks_by_month!: DateValueDto[];
  @ApiProperty({ type: [DateValueDto] })
  countries_by_month!: DateValueDto[];
  @ApiProperty({ type: [DateValueDto] })
  measurements_by_month!: DateValueDto[];
}

export class CircumventionCountDto {
  @ApiProperty()
  probe_cc!: string;
  @ApiProperty()
  cnt!: number;
}

export class CircumventionByCountryResponseDto {
  @ApiProperty({ example: 0 })
  v!: number;
  @ApiProperty({ type: [CircumventionCountDto] })
  results!: CircumventionCountDto[];
}

export class RuntimeStatDto {
  @ApiProperty()
  test_name!: string;
  @ApiProperty()
  probe_cc!: string;
  @ApiProperty({ example: '2024-01-31' })
  date!: string;
  @ApiProperty({ type: [Number], description: '[p50, p90, count] of test_runtime, or [] without data' })
  v!: number[];
}

export class CircumventionRuntimeResponseDto {
  @ApiProperty({ example: 0 })
  v!: number;
  @ApiProperty({ type: [RuntimeStatDto] })
  results!: RuntimeStatDto[];
}

export class DomainMetadataResponseDto {
  @ApiProperty({ example: 'GRP' })
  category_code!: string;
  @ApiProperty({ example: 'www.facebook.com' })
  canonical_domain!: string;
}

export class AsnmetaResponseDto {
  @ApiProperty({ description: "organisation name, 'Unknown' when not known", example: 'Telecom Italia' })
  org_name!: string;
}

export class NetworkDto {
  @ApiProperty()
  probe_asn!: number;
  @ApiProperty({ description: 'measurements' })
  cnt!: number;
  @ApiProperty({ description: "organisation name, '' when not known" })
  org_name!: string;
}

export class NetworksResponseDto {
  @ApiProperty({ example: 0 })
  v!: number;
  @ApiProperty({ type: [NetworkDto] })
  results!: NetworkDto[];
}

export class DomainDto {
  @ApiProperty()
  domain_name!: string;
  @ApiProperty()
  category_code!: string;
  @ApiProperty({ description: 'web_connectivity measurements' })
  measurement_count!: number;
}

export class DomainsResponseDto {
  @ApiProperty({ example: 0 })
  v!: number;
  @ApiProperty({ type: [DomainDto] })
  results!: DomainDto[];
}

export class ImNetworkDto {
  @ApiProperty()
  asn!: number;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  total_count!: number;
  @ApiProperty()
  last_tested!: string;
}

export class ImTestNetworksDto {
  @ApiProperty({ type: [ImNetworkDto] })
  anomaly_networks!: ImNetworkDto[];
  @ApiProperty({ type: [ImNetworkDto] })
  ok_networks!: ImNetworkDto[];
  @ApiPropertyOptional()
  last_tested!: string;
}
