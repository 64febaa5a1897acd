import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { bearerToken } from './bearer-token';
import { AuthenticatedRequest } from './roles.guard';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionTokenService } from './session-token.service';

/**
 * For open routes whose answer depends on who asks (`is_mine`): sets `request.account` when the
 * request carries a valid, non-expunged session token, checked as RolesGuard does. A missing or
 * bad token is not an error here: the caller is anonymous (legacy `get_account_id_or_none`).
 */
@Injectable()
export class OptionalAccountGuard implements CanActivate {
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
