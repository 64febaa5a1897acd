import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Role, SessionClaims, USER_AUTH_AUDIENCE } from './auth.types';

const DAY = 86400;

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
      const claims = this.jwt.verify<SessionClaims>(token, { audience: USER_AUTH_AUDIENCE });
      if (typeof claims.account_id !== 'string' || typeof claims.role !== 'string') return null;
      return claims;
    } catch {
      return null;
    }
  }
}
