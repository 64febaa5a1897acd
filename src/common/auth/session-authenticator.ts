import { Injectable } from '@nestjs/common';
import { SessionClaims } from './auth.types';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionTokenService } from './session-token.service';

export type SessionCheck =
  { ok: true; claims: SessionClaims } | { ok: false; reason: 'missing' | 'invalid' | 'expunged' };

/** The one check of a session token: signature, audience, expiry, claims, then session expunge. */
@Injectable()
export class SessionAuthenticator {
  constructor(
    private readonly tokens: SessionTokenService,
    private readonly expunge: SessionExpungeRepository,
  ) {}

  async check(token: string | undefined): Promise<SessionCheck> {
    if (!token) return { ok: false, reason: 'missing' };
    const claims = this.tokens.verify(token);
    if (!claims) return { ok: false, reason: 'invalid' };
    if (await this.expunge.isExpunged(claims)) return { ok: false, reason: 'expunged' };
    return { ok: true, claims };
  }
}
