import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../errors/api-error';
import { Role, ROLES_KEY, SessionClaims } from './auth.types';
import { SessionResolver } from './session-resolver';

export type AuthenticatedRequest = FastifyRequest & { account?: SessionClaims };

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const session = await this.sessions.check(request);
    if (!session.claims) {
      throw unauthorized(session.reason === 'expunged' ? 'Authentication token expired' : 'Authentication required');
    }
    if (!roles.includes(session.claims.role)) throw forbidden('Role not authorized');
    request.account = session.claims;
    return true;
  }
}
