import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const VERIFICATION_STATUS = {
  enum: ['verified', 'failed', 'unverified'],
  description: 'anonymous-credentials verification of the submission',
};

export class SearchMetadataDto {
  @ApiProperty({ description: '-1 when a full page came back (not counted)' }) count!: number;
  @ApiProperty() current_page!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String }) next_url!: string | null;
  @ApiProperty() offset!: number;
  @ApiProperty({ description: '-1 when a full page came back' }) pages!: number;
  @ApiProperty({ description: 'seconds' }) query_time!: number;
}

export class SearchResultDto {
  @ApiProperty() anomaly!: boolean;
  @ApiProperty() confirmed!: boolean;
  @ApiProperty() failure!: boolean;
  @ApiProperty({ nullable: true, type: String }) input!: string | null;
  @ApiProperty({ example: '2024-01-31T10:30:00Z' }) measurement_start_time!: string;
  @ApiProperty() measurement_uid!: string;
  @ApiProperty({ description: 'absolute URL of the raw measurement' }) measurement_url!: string;
  @ApiProperty({ example: 'AS3269' }) probe_asn!: string;
  @ApiProperty({ example: 'IT' }) probe_cc!: string;
  @ApiProperty() report_id!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) scores!: Record<string, unknown>;
  @ApiProperty() test_name!: string;
  @ApiProperty(VERIFICATION_STATUS) verification_status!: string;
}

export class SearchResponseDto {
  @ApiProperty({ type: SearchMetadataDto }) metadata!: SearchMetadataDto;
  @ApiProperty({ type: [SearchResultDto] }) results!: SearchResultDto[];
}

export class MeasurementMetaDto {
  @ApiProperty() anomaly!: boolean;
  @ApiProperty({ description: 'CitizenLab category of the input, "" when none' }) category_code!: string;
  @ApiProperty() confirmed!: boolean;
  @ApiProperty() failure!: boolean;
  @ApiProperty({ description: '"" when the test has no input' }) input!: string;
  @ApiProperty({ example: '2021-02-08T23:31:46Z' }) measurement_start_time!: string;
  @ApiProperty() measurement_uid!: string;
  @ApiProperty({ example: 36947, description: 'an integer, unlike in /api/v1/measurements' }) probe_asn!: number;
  @ApiProperty({ example: 'DZ' }) probe_cc!: string;
  @ApiProperty() report_id!: string;
  @ApiProperty({ description: 'JSON text' }) scores!: string;
  @ApiProperty() test_name!: string;
  @ApiProperty({ example: '2021-02-08T23:31:43Z' }) test_start_time!: string;
  @ApiProperty(VERIFICATION_STATUS) verification_status!: string;
  @ApiPropertyOptional({ description: 'the measurement (JSON text), only with full=true' }) raw_measurement?: string;
}

export class FeedbackRequestDto {
  @ApiProperty() measurement_uid!: string;
  @ApiProperty({ example: 'blocked.dns' }) status!: string;
}

export class FeedbackSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { ok: 2, blocked: 1 } })
  summary!: Record<string, number>;
  @ApiPropertyOptional({ description: "the caller's own status, when logged in" }) user_feedback?: string;
}
