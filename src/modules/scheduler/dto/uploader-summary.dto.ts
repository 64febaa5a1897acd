import { ApiProperty } from '@nestjs/swagger';

export class UploaderSummaryDto {
  @ApiProperty({ description: 'Postcan/JSONL pairs completed in this run (resumed ones included)' })
  batches!: number;

  @ApiProperty({ description: 'Batches left by an interrupted run and finished by this one' })
  resumed_batches!: number;

  @ApiProperty()
  measurements!: number;

  @ApiProperty({ description: 'Bytes of submissions read from the spool' })
  post_bytes!: number;

  @ApiProperty()
  postcan_bytes!: number;

  @ApiProperty()
  jsonl_bytes!: number;

  @ApiProperty({ description: 'Testbed mode: files were built and discarded, not uploaded' })
  testbed!: boolean;

  @ApiProperty()
  duration_ms!: number;
}
