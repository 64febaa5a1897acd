import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'Overall state of this API host' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ enum: ['ok', 'unavailable'], description: 'Whether the database answers' })
  clickhouse!: 'ok' | 'unavailable';
}
