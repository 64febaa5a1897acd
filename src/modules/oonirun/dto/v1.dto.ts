import { ApiProperty } from '@nestjs/swagger';

export class V1CreateResponseDto {
  @ApiProperty({ example: 1 }) v!: number;
  @ApiProperty({ example: 10000 }) ooni_run_link_id!: number;
}

export class V1ArchiveResponseDto {
  @ApiProperty({ example: 1 }) v!: number;
}

export class V1DescriptorResponseDto {
  @ApiProperty({ description: 'archived (v1) or expired (v2)' }) archived!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) descriptor!: Record<string, unknown>;
  @ApiProperty({ example: '2023-06-02T12:33:43.123Z' }) descriptor_creation_time!: string;
  @ApiProperty({ description: 'the descriptor belongs to the logged-in user' }) mine!: boolean;
  @ApiProperty({ example: '2023-06-02T12:33:43.123Z' }) translation_creation_time!: string;
  @ApiProperty({ example: 1 }) v!: number;
}

export class V1ListItemDto {
  @ApiProperty() archived!: boolean;
  @ApiProperty() author!: string;
  @ApiProperty() descriptor_creation_time!: string;
  @ApiProperty() icon!: string;
  @ApiProperty() mine!: boolean;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 10000 }) ooni_run_link_id!: number;
  @ApiProperty() short_description!: string;
  @ApiProperty() translation_creation_time!: string;
}

export class V1ListResponseDto {
  @ApiProperty({ example: 1 }) v!: number;
  @ApiProperty({ type: [V1ListItemDto] }) descriptors!: V1ListItemDto[];
}
