import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { NoCache } from '../http/cache-control.decorator';
import { Role, ROLES, ROLES_KEY } from './auth.types';
import { RolesGuard } from './roles.guard';

/** Only callers with a valid session token whose role is one of `roles` (401 without, 403 with another). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(RolesGuard),
    NoCache(),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Authentication required' }),
    ApiForbiddenResponse({ description: 'Role not authorized' }),
  );

/** Any logged-in account. */
export const Authenticated = (): MethodDecorator & ClassDecorator => Roles(...ROLES);
