import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AUTH_DECISION_KEY, AuthDecision } from './auth-decision';

/**
 * Only probes with a token from `POST /api/v1/login` (legacy: no or malformed Authorization
 * header 400, a token that does not verify 401).
 */
export const ProbeToken = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata<string, AuthDecision>(AUTH_DECISION_KEY, { kind: 'probe-token' }),
    ApiBearerAuth(),
    ApiBadRequestResponse({ description: 'Missing Authorization header' }),
    ApiUnauthorizedResponse({ description: 'Invalid credentials' }),
  );
