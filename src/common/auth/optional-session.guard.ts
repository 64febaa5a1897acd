import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { bearerToken } from './bearer-token';
import { AuthenticatedRequest } from './roles.guard';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionTokenService } from './session-token.service';

/**
 * Sets `request.account` when the caller sends a valid, not expunged session token, and lets
 * everyone through: public routes that show more to logged-in users (legacy
 * `get_account_id_or_none`). A bad, expired or expunged token reads as anonymous.
 */
@Injectable()
export class OptionalSessionGuard implements CanActivate {
  constructor(
    private readonly tokens: SessionTokenService,
    private readonly expunge: SessionExpungeRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    const claims = token ? this.tokens.verify(token) : null;
    if (claims && !(await this.expunge.isExpunged(claims))) request.account = claims;
    return true;
  }
}
