import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

/** Checked by parseTorsfQuery (legacy messages). */
export class TorsfStatsQueryDto {
  /** The two letter country code */
  @ApiPropertyOptional({ minLength: 2, example: 'IT' })
  @IsOptional()
  probe_cc?: string;

  /** The start date of when measurements were run (ex. "2016-10-20T10:30:00"), exclusive */
  @ApiPropertyOptional({ example: '2024-01-01' })
  @IsOptional()
  since?: string;

  /** The end date of when measurement were run (ex. "2016-10-20T10:30:00"), inclusive */
  @ApiPropertyOptional({ example: '2024-02-01' })
  @IsOptional()
  until?: string;
}
