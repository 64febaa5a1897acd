import { createParamDecorator, ExecutionContext, HttpStatus, ValidationPipe } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';

const JsonObjectBody = createParamDecorator((status: number, ctx: ExecutionContext): unknown => {
  const body = ctx.switchToHttp().getRequest<FastifyRequest>().body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('The request body must be a JSON object', status);
  }
  return body;
});

/**
 * The JSON object body validated against the parameter's DTO class, failing with `status`
 * (default 422, as FastAPI services answer) instead of the global pipe's 400. Document the
 * body with `@ApiBody({ type: Dto })`: Swagger does not see custom decorators.
 */
export const ValidatedBody = (status: number = HttpStatus.UNPROCESSABLE_ENTITY): ParameterDecorator =>
  JsonObjectBody(
    status,
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: false,
      validateCustomDecorators: true,
      errorHttpStatusCode: status,
    }),
  );
