import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Role, ROLES, SessionClaims, USER_AUTH_AUDIENCE } from './auth.types';

const DAY = 86400;
// Real ids are 32 hex digits; anything longer would not fit account_id FixedString(32) queries.
const ACCOUNT_ID_RE = /^[\w-]{1,32}$/;

export interface SessionTokenOptions {
  sessionExpiryDays: number;
  loginExpiryDays: number;
}

/** Issues and verifies user session JWTs (HS256 only: `alg: none` and other algorithms are refused). */
@Injectable()
export class SessionTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(accountId: string, role: Role, opts: SessionTokenOptions, loginTime?: number): string {
    const now = Math.floor(Date.now() / 1000);
    const login = loginTime ?? now;
    const exp = Math.min(now + opts.sessionExpiryDays * DAY, login + opts.loginExpiryDays * DAY);
    const claims: SessionClaims = {
      nbf: now,
      iat: now,
      exp,
      aud: USER_AUTH_AUDIENCE,
      account_id: accountId,
      login_time: login,
      role,
    };
    return this.jwt.sign(claims);
  }

  /** Returns the claims, or null for a missing, malformed, expired, forged or foreign token. */
  verify(token: string): SessionClaims | null {
    try {
      const claims = this.jwt.verify<SessionClaims>(token, { audience: USER_AUTH_AUDIENCE, algorithms: ['HS256'] });
      if (typeof claims.account_id !== 'string' || !ACCOUNT_ID_RE.test(claims.account_id)) return null;
      if (!(ROLES as readonly string[]).includes(claims.role) || typeof claims.iat !== 'number') return null;
      return claims;
    } catch {
      return null;
    }
  }
}
