import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AUTH_DECISION_KEY, AuthDecision } from './auth-decision';

/**
 * Anyone may call this route; a valid, non-expunged session token makes `@CurrentAccount()`
 * the caller's claims (undefined otherwise). A bad token is treated as no token.
 */
export const OptionalSession = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata<string, AuthDecision>(AUTH_DECISION_KEY, { kind: 'optional-session' }), ApiBearerAuth());
