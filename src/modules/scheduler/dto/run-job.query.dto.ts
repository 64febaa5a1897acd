import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class RunJobQueryDto {
  /** Uploader: also upload the current hour, which is still receiving measurements. */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? ['true', '1', 'yes'].includes(value) : value,
  )
  @IsBoolean()
  all?: boolean;
}
