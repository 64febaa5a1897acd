import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthenticatedRequest } from './roles.guard';
import { SessionResolver } from './session-resolver';

/**
 * Sets `request.account` when the caller sends a valid, not expunged session token, and lets
 * everyone through: public routes that show more to logged-in users (legacy
 * `get_account_id_or_none`). A bad, expired or expunged token reads as anonymous.
 */
@Injectable()
export class OptionalSessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = await this.sessions.optional(request);
    if (claims) request.account = claims;
    return true;
  }
}
