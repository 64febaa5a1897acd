import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../errors/api-error';
import { Role, ROLES_KEY, SessionClaims } from './auth.types';
import { bearerToken } from './bearer-token';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionTokenService } from './session-token.service';

export type AuthenticatedRequest = FastifyRequest & { account?: SessionClaims };

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: SessionTokenService,
    private readonly expunge: SessionExpungeRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims) throw unauthorized('Authentication required');
    if (await this.expunge.isExpunged(claims)) throw unauthorized('Authentication token expired');
    if (!roles.includes(claims.role)) throw forbidden('Role not authorized');
    request.account = claims;
    return true;
  }
}
