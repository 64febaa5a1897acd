import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { NETWORK_TYPES } from '../nettest-names';

/** What the probe tells about itself when it fetches what to run (bk-005 4.4). */
export class EngineDescriptorRequestDto {
  @ApiProperty({ enum: ['timed', 'manual'] })
  @IsIn(['timed', 'manual'], { message: 'run_type must be timed or manual' })
  run_type!: 'timed' | 'manual';

  @ApiProperty()
  @IsBoolean()
  is_charging!: boolean;

  @ApiProperty({ example: 'AS1234' })
  @IsString()
  @Matches(/^(AS)?[0-9]{1,10}$/, { message: 'probe_asn must be AS followed by digits' })
  probe_asn!: string;

  @ApiProperty({ example: 'IT' })
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'probe_cc must be a two letter country code' })
  probe_cc!: string;

  @ApiProperty({ enum: NETWORK_TYPES })
  @IsIn(NETWORK_TYPES, { message: `network_type must be one of: ${NETWORK_TYPES.join(', ')}` })
  network_type!: string;

  @ApiPropertyOptional({ type: [String], example: ['NEWS'], description: 'only URLs of these categories' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Za-z]{1,20}$/, { each: true, message: 'website_category_codes must be category codes' })
  website_category_codes?: string[];
}
