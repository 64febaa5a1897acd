import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { OptionalSessionGuard } from './optional-session.guard';

/**
 * An open route (use with `@Public()`) that reads the caller's session when there is one:
 * `@CurrentAccount()` is then the claims, or undefined for anonymous callers.
 */
export const OptionalSession = (): MethodDecorator & ClassDecorator =>
  applyDecorators(UseGuards(OptionalSessionGuard), ApiBearerAuth());
