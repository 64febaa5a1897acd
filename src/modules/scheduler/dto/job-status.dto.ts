import { ApiProperty } from '@nestjs/swagger';

export class JobStatusDto {
  @ApiProperty({ example: 'fingerprints' })
  name!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ description: 'Cron expression, UTC', example: '5 * * * *' })
  cron!: string;

  @ApiProperty({ description: 'Scheduled (disabled jobs can still be run by hand)' })
  enabled!: boolean;

  @ApiProperty({ description: 'A process is running the job now' })
  running!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  running_pid!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  last_start!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  last_end!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  last_duration_ms!: number | null;

  @ApiProperty({ type: String, nullable: true, enum: ['running', 'success', 'failure'] })
  last_outcome!: 'running' | 'success' | 'failure' | null;

  @ApiProperty({ type: String, nullable: true, description: 'Error message of the last run, if it failed' })
  last_error!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  last_success!: string | null;

  @ApiProperty({ description: 'Runs recorded (finished)' })
  runs!: number;

  @ApiProperty()
  failures!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Next scheduled start' })
  next_run!: string | null;
}

export class JobsListDto {
  @ApiProperty({ type: [JobStatusDto] })
  jobs!: JobStatusDto[];
}
