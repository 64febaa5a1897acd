import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { SessionClaims } from './auth.types';
import { bearerToken } from './bearer-token';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionTokenService } from './session-token.service';

export type SessionCheck =
  { ok: true; claims: SessionClaims } | { ok: false; reason: 'missing' | 'invalid' | 'expunged' };

/** The one check of a session token: signature, audience, expiry, claims, then session expunge. */
@Injectable()
export class SessionAuthenticator {
  /** Verified tokens until they expire: verifying a JWT costs far more than the guards' other work. */
  private readonly verified = new LRUCache<string, SessionClaims>({ max: 10_000 });
  /** One check per request: the quota guard and the auth guard both ask. */
  private readonly byRequest = new WeakMap<FastifyRequest, Promise<SessionCheck>>();

  constructor(
    private readonly tokens: SessionTokenService,
    private readonly expunge: SessionExpungeRepository,
  ) {}

  async check(token: string | undefined): Promise<SessionCheck> {
    if (!token) return { ok: false, reason: 'missing' };
    const claims = this.verify(token);
    if (!claims) return { ok: false, reason: 'invalid' };
    if (await this.expunge.isExpunged(claims)) return { ok: false, reason: 'expunged' };
    return { ok: true, claims };
  }

  /** The check of the request's `Authorization: Bearer` token, made once per request. */
  checkRequest(request: FastifyRequest): Promise<SessionCheck> {
    let result = this.byRequest.get(request);
    if (result === undefined) {
      result = this.check(bearerToken(request));
      this.byRequest.set(request, result);
    }
    return result;
  }

  private verify(token: string): SessionClaims | null {
    const cached = this.verified.get(token);
    if (cached !== undefined && cached.exp * 1000 > Date.now()) return cached;
    const claims = this.tokens.verify(token);
    if (claims) this.verified.set(token, claims);
    return claims;
  }
}
