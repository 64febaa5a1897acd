import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { NoCache } from '../http/cache-control.decorator';
import { AUTH_DECISION_KEY, AuthDecision } from './auth-decision';
import { Role, ROLES } from './auth.types';

/** Only callers with a valid session token whose role is one of `roles` (401 without, 403 with another). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata<string, AuthDecision>(AUTH_DECISION_KEY, { kind: 'roles', roles }),
    NoCache(),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Authentication required' }),
    ApiForbiddenResponse({ description: 'Role not authorized' }),
  );

/** Any logged-in account. */
export const Authenticated = (): MethodDecorator & ClassDecorator => Roles(...ROLES);
