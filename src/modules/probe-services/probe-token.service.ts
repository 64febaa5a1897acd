import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PROBE_TOKEN_AUDIENCE } from '../../common/auth/auth.types';

const PROBE_LOGIN_AUDIENCE = 'probe_login';
const TOKEN_LIFETIME_S = 7 * 86400;

export type ProbeLoginResult = { ok: true; token: string; expire: string } | { ok: false };

/** First second (UTC) of next month: registration times are rounded up to it (legacy). */
export function beginningOfNextMonth(now = new Date()): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the format probes parse. */
export function probeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Probe credentials: long-lived `client_id` JWTs and 7-day probe tokens (independent of user accounts). */
@Injectable()
export class ProbeTokenService {
  constructor(private readonly jwt: JwtService) {}

  register(): string {
    return this.jwt.sign({ iat: beginningOfNextMonth(), aud: PROBE_LOGIN_AUDIENCE });
  }

  /**
   * A `username` that is not a JWT at all comes from probes registered before 2022 and
   * still gets a token; only a JWT that fails verification is refused.
   */
  login(username: unknown, now = new Date()): ProbeLoginResult {
    let registrationTime: number | null = null;
    if (typeof username === 'string' && this.jwt.decode(username) !== null) {
      try {
        const claims = this.jwt.verify<{ iat?: number }>(username, { audience: PROBE_LOGIN_AUDIENCE });
        registrationTime = claims.iat ?? null;
      } catch {
        return { ok: false };
      }
    }
    const nowS = Math.floor(now.getTime() / 1000);
    const exp = nowS + TOKEN_LIFETIME_S;
    const token = this.jwt.sign({
      registration_time: registrationTime,
      aud: PROBE_TOKEN_AUDIENCE,
      iat: nowS,
      exp,
    });
    return { ok: true, token, expire: probeTime(new Date(exp * 1000)) };
  }
}
