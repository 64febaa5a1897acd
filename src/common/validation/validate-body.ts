import { HttpStatus } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { ApiError } from '../errors/api-error';

function messages(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...messages(e.children ?? [])]);
}

/**
 * Builds and validates a request body DTO (class-validator decorators, unknown keys dropped)
 * and throws `{"error": "<every problem>"}` with `status` on failure. For routes whose
 * validation status differs from the global ValidationPipe's 400 (e.g. 422 where the newer
 * OONI services answer it): take `@Body() body: unknown` and call this.
 */
export function validateBody<T extends object>(
  cls: ClassConstructor<T>,
  body: unknown,
  status: number = HttpStatus.BAD_REQUEST,
): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('The request body must be a JSON object', status);
  }
  const instance = plainToInstance(cls, body, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ApiError(messages(errors).join('; '), status);
  return instance;
}
