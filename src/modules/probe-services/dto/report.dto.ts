import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OpenReportRequestDto {
  @ApiPropertyOptional() data_format_version?: string;
  @ApiPropertyOptional({ example: 'json' }) format?: string;
  @ApiPropertyOptional({ example: 'AS1234' }) probe_asn?: string;
  @ApiPropertyOptional({ example: 'IT' }) probe_cc?: string;
  @ApiPropertyOptional() software_name?: string;
  @ApiPropertyOptional() software_version?: string;
  @ApiPropertyOptional({ example: 'web_connectivity' }) test_name?: string;
  @ApiPropertyOptional() test_start_time?: string;
  @ApiPropertyOptional() test_version?: string;
}

export class OpenReportResponseDto {
  @ApiProperty({ example: '1.3.5' }) backend_version!: string;
  @ApiProperty({ example: '20240101T120000Z_webconnectivity_IT_3269_n1_AbCdEfGhIjKlMnOp' }) report_id!: string;
  @ApiProperty({ type: [String], example: ['yaml', 'json'] }) supported_formats!: string[];
}

export class SubmitMeasurementRequestDto {
  @ApiProperty({ enum: ['json', 'yaml'] }) format!: string;
  @ApiProperty({ description: 'The measurement (JSON object, or YAML text for format=yaml)' }) content!: unknown;
}

export class SubmitMeasurementResponseDto {
  @ApiProperty({
    example: '20210208220710.181572_MA_ndt_7888edc7748936bf',
    description: 'Absent (empty object) when the measurement was discarded (CC ZZ or ASN 0)',
  })
  measurement_uid?: string;
}

export class CheckReportIdResponseDto {
  @ApiProperty({ example: true }) found!: boolean;
  @ApiProperty({ example: 0 }) v!: number;
}
