import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { isIP } from 'node:net';
import { badRequest } from '../../../common/errors/api-error';

export const MAX_GEOLOOKUP_ADDRESSES = 1000;

/** The first problem with an `addresses` value, or null when it is a bounded list of IP addresses. */
function addressesProblem(value: unknown): string | null {
  if (value === undefined || value === null) return 'addresses is required';
  if (!Array.isArray(value)) return 'addresses must be an array of IP addresses';
  if (value.length > MAX_GEOLOOKUP_ADDRESSES) return `at most ${MAX_GEOLOOKUP_ADDRESSES} addresses per request`;
  const bad = value.findIndex((a) => typeof a !== 'string' || isIP(a) === 0);
  if (bad !== -1) return `invalid IP address: ${String(JSON.stringify(value[bad])).slice(0, 100)}`;
  return null;
}

/**
 * Checked while the ValidationPipe builds the DTO, throwing the legacy `{"error": msg}` 400
 * itself: the shared exception filter renders class-validator failures as a bare "Bad Request".
 * The validator stays as the declared contract (and catches a missing key).
 */
const IsAddressList = (): PropertyDecorator => {
  const transform = Transform(({ value }: { value: unknown }) => {
    const problem = addressesProblem(value);
    if (problem !== null) throw badRequest(problem);
    return value as string[];
  });
  const validate = ValidateBy({
    name: 'isAddressList',
    validator: {
      validate: (value: unknown) => addressesProblem(value) === null,
      defaultMessage: (args) => addressesProblem(args?.value) ?? 'invalid addresses',
    },
  });
  return (target, key) => {
    transform(target, key);
    validate(target, key);
  };
};

export class GeolookupRequestDto {
  @ApiProperty({
    type: [String],
    maxItems: MAX_GEOLOOKUP_ADDRESSES,
    description: 'IPv4 or IPv6 addresses to geolocate',
    example: ['1.2.3.4', '2001:db8::1'],
  })
  @IsAddressList()
  addresses!: string[];
}
