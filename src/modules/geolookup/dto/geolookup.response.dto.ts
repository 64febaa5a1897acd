import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** Legacy per-address entry: every field is null when the address is not in the database. */
export class GeolocationDto {
  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-2 country code', example: 'US' })
  cc!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Autonomous system number', example: 15169 })
  asn!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Organization owning the AS', example: 'Google LLC' })
  as_name!: string | null;
}

@ApiExtraModels(GeolocationDto)
export class GeolookupResponseDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(GeolocationDto) },
    description: 'Keyed by each requested address, as sent',
    example: { '8.8.8.8': { cc: 'US', asn: 15169, as_name: 'Google LLC' } },
  })
  geolocation!: Record<string, GeolocationDto>;

  @ApiProperty({ type: 'integer', description: 'Response format version', example: 1 })
  v!: number;
}
