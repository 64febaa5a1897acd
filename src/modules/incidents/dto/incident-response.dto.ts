import { ApiProperty } from '@nestjs/swagger';

const TIME_EXAMPLE = '2024-01-31T00:00:00.000000Z';

/** A finding as search lists it (newer `OONIFinding`): every field, `text` excepted. */
export class IncidentDto {
  @ApiProperty({ example: '372931250001' }) id!: string;
  @ApiProperty({ description: 'Only shown to admins; empty otherwise' }) email_address!: string;
  @ApiProperty() title!: string;
  @ApiProperty() short_description!: string;
  @ApiProperty({ type: String, nullable: true, example: '2024-china-is-blocking-ooni' }) slug!: string | null;
  @ApiProperty({ example: TIME_EXAMPLE }) start_time!: string;
  @ApiProperty({ example: TIME_EXAMPLE }) create_time!: string;
  @ApiProperty({ example: TIME_EXAMPLE }) update_time!: string;
  @ApiProperty({ type: String, nullable: true, example: TIME_EXAMPLE }) end_time!: string | null;
  @ApiProperty() reported_by!: string;
  @ApiProperty({ description: 'Always empty: account ids are never shown' }) creator_account_id!: string;
  @ApiProperty() published!: boolean;
  @ApiProperty({ example: 'incident' }) event_type!: string;
  @ApiProperty({ type: [Number] }) ASNs!: number[];
  @ApiProperty({ type: [String] }) CCs!: string[];
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [String] }) test_names!: string[];
  @ApiProperty({ type: [String] }) domains!: string[];
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty({ description: 'Created by the caller' }) mine!: boolean;
}

/** One finding with its markdown `text` (newer `OONIFindingWithText`). */
export class IncidentWithTextDto extends IncidentDto {
  @ApiProperty({ description: 'Markdown, as the author wrote it' }) text!: string;
}

export class IncidentSearchResponseDto {
  @ApiProperty({ type: [IncidentDto] }) incidents!: IncidentDto[];
}

export class IncidentShowResponseDto {
  @ApiProperty({ type: IncidentWithTextDto }) incident!: IncidentWithTextDto;
}

/** Answer of create, update, publish and unpublish (newer `OONIFindingsUpdateResponse`). */
export class IncidentChangeResponseDto {
  @ApiProperty({ example: 1 }) r!: number;
  @ApiProperty({ example: '372931250001' }) id!: string;
}
