import { ApiProperty } from '@nestjs/swagger';
import { LinkRequestDto, NettestDto } from './link-request.dto';

/** A link as returned by every v2 route: the request fields plus what the backend adds. */
export class LinkResponseDto extends LinkRequestDto {
  @ApiProperty({ example: '10000' }) oonirun_link_id!: string;
  @ApiProperty({ description: 'creation of this revision' }) date_created!: string;
  @ApiProperty({ description: 'last change of the link' }) date_updated!: string;
  @ApiProperty({ example: '1', description: 'a new one each time the nettests change' }) revision!: string;
  @ApiProperty({ description: 'the caller created the link' }) is_mine!: boolean;
  @ApiProperty() is_expired!: boolean;
}

export class LinkListResponseDto {
  @ApiProperty({ type: [LinkResponseDto] }) oonirun_links!: LinkResponseDto[];
}

export class RevisionsResponseDto {
  @ApiProperty({ type: [String], example: ['2', '1'], description: 'newest first' }) revisions!: string[];
}

export class EngineDescriptorResponseDto {
  @ApiProperty({ example: '1' }) revision!: string;
  @ApiProperty() date_created!: string;
  @ApiProperty({ type: [NettestDto], description: 'targets_name nettests come with their computed inputs' })
  nettests!: NettestDto[];
}
