import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CheckInWebConnectivityDto {
  @ApiPropertyOptional({ type: [String], description: 'URL categories, e.g. ["NEWS", "HUMR"]' })
  category_codes?: string[];
}

export class CheckInRequestDto {
  @ApiPropertyOptional({ example: 'IT', description: 'Two letter country code; omitted when unknown' })
  probe_cc?: string;
  @ApiPropertyOptional({ example: 'AS1234', description: 'Omitted when unknown' })
  probe_asn?: string;
  @ApiPropertyOptional({ example: 'android' })
  platform?: string;
  @ApiPropertyOptional({ example: 'ooniprobe' })
  software_name?: string;
  @ApiPropertyOptional({ example: '3.8.0' })
  software_version?: string;
  @ApiPropertyOptional()
  on_wifi?: boolean;
  @ApiPropertyOptional({ description: 'Only on devices with a battery: true when charging' })
  charging?: boolean;
  @ApiPropertyOptional({ enum: ['timed', 'manual'], example: 'timed' })
  run_type?: string;
  @ApiPropertyOptional({ type: CheckInWebConnectivityDto })
  web_connectivity?: CheckInWebConnectivityDto;
}

export class TestListUrlDto {
  @ApiProperty({ example: 'NEWS' })
  category_code!: string;
  @ApiProperty({ example: 'IT', description: 'XX for entries of the global list' })
  country_code!: string;
  @ApiProperty({ example: 'https://example.org/' })
  url!: string;
}

export class CheckInResponseDto {
  @ApiProperty({ example: 1 })
  v!: number;
  @ApiProperty({ description: 'From GeoIP of the client address, ZZ when unknown' })
  probe_cc!: string;
  @ApiProperty({ description: 'From GeoIP of the client address, AS0 when unknown' })
  probe_asn!: string;
  @ApiProperty({ nullable: true, type: String })
  probe_network_name!: string | null;
  @ApiProperty({ example: '2024-01-01T12:00:00Z' })
  utc_time!: string;
  @ApiProperty({ description: 'features (feature flags) and test_helpers' })
  conf!: Record<string, unknown>;
  @ApiProperty({ description: 'Per test: report_id; web_connectivity also has urls[]' })
  tests!: Record<string, unknown>;
}
