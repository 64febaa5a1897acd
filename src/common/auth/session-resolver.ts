import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { SessionClaims } from './auth.types';
import { bearerToken } from './bearer-token';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionTokenService } from './session-token.service';

export type SessionCheck = { claims: SessionClaims } | { claims: null; reason: 'missing' | 'expunged' };

/**
 * The one place a request's session is decided: a bearer token that verifies (HS256,
 * audience, expiry, claims) and was not voided by `set_session_expunge`. Guarded routes and
 * routes with an optional session both go through it.
 */
@Injectable()
export class SessionResolver {
  constructor(
    private readonly tokens: SessionTokenService,
    private readonly expunge: SessionExpungeRepository,
  ) {}

  async check(request: FastifyRequest): Promise<SessionCheck> {
    const token = bearerToken(request);
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims) return { claims: null, reason: 'missing' };
    if (await this.expunge.isExpunged(claims)) return { claims: null, reason: 'expunged' };
    return { claims };
  }

  /** The caller's session, or null (anonymous, invalid or expunged token alike). */
  async optional(request: FastifyRequest): Promise<SessionClaims | null> {
    return (await this.check(request)).claims;
  }
}
