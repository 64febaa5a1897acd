import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { badRequest, forbidden, unauthorized } from '../errors/api-error';
import { isLoopback } from '../net/loopback';
import { AuthDecision, authDecisionOf } from './auth-decision';
import { PROBE_TOKEN_AUDIENCE, Role, SessionClaims } from './auth.types';
import { bearerToken } from './bearer-token';
import { SessionAuthenticator } from './session-authenticator';

export type AuthenticatedRequest = FastifyRequest & { account?: SessionClaims };

/**
 * The global guard (APP_GUARD): enforces each route's `AuthDecision`. A route without one
 * is refused (the start already fails on it: RouteAuditService).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionAuthenticator,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const decision = authDecisionOf(this.reflector, context.getHandler(), context.getClass());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    await this.enforce(decision, request);
    return true;
  }

  private async enforce(decision: AuthDecision | undefined, request: AuthenticatedRequest): Promise<void> {
    switch (decision?.kind) {
      case 'public':
        return;
      case 'optional-session':
        return this.optionalSession(request);
      case 'roles':
        return this.roles(decision.roles, request);
      case 'probe-token':
        return this.probeToken(request);
      case 'feeder-secret':
        return this.feederSecret(request);
      case undefined:
        throw forbidden('Route not authorized');
    }
  }

  private async optionalSession(request: AuthenticatedRequest): Promise<void> {
    const result = await this.sessions.checkRequest(request);
    if (result.ok) request.account = result.claims;
  }

  private async roles(roles: readonly Role[], request: AuthenticatedRequest): Promise<void> {
    const result = await this.sessions.checkRequest(request);
    if (!result.ok) {
      throw unauthorized(result.reason === 'expunged' ? 'Authentication token expired' : 'Authentication required');
    }
    if (!roles.includes(result.claims.role)) throw forbidden('Role not authorized');
    request.account = result.claims;
  }

  /** Legacy: no header 400, not `Bearer …` 400, a token that does not verify 401. */
  private probeToken(request: FastifyRequest): void {
    const header = request.headers.authorization;
    if (!header) throw badRequest('Missing Authorization header');
    if (!header.startsWith('Bearer ')) throw badRequest('Invalid token format');
    try {
      this.jwt.verify(header.slice('Bearer '.length).trim(), { audience: PROBE_TOKEN_AUDIENCE });
    } catch {
      throw unauthorized('Invalid credentials');
    }
  }

  /** Loopback peers only, unless a shared secret is configured: then the secret, from anywhere. */
  private feederSecret(request: FastifyRequest): void {
    const secret = this.config.fastpath.feeder_secret;
    if (secret === '') {
      if (!isLoopback(request.socket.remoteAddress)) throw forbidden('Loopback callers only');
      return;
    }
    const given = Buffer.from(bearerToken(request) ?? '');
    const expected = Buffer.from(secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw unauthorized('Invalid credentials');
    }
  }
}
