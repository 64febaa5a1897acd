import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from './auth.guard';
import { SessionClaims } from './auth.types';

/** The session claims set by AuthGuard (with @Roles / @Authenticated; possibly undefined with @OptionalSession). */
export const CurrentAccount = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): SessionClaims | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().account,
);
