import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { SessionClaims } from './auth.types';
import { AuthenticatedRequest } from './roles.guard';

/** The session claims set by RolesGuard (use with @Roles / @Authenticated). */
export const CurrentAccount = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): SessionClaims | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().account,
);
