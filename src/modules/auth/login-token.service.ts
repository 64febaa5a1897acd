import { Inject, Injectable } from '@nestjs/common';
import { JsonWebTokenError, JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AUTH_OPTIONS, AuthOptions } from './auth.options';

const REGISTER_AUDIENCE = 'register';

export interface LoginTokenClaims {
  account_id: string;
  redirect_to: string;
  /** The address the link was sent to ("" in links issued before it was carried): Explorer shows and reuses it. */
  email_address: string;
}

export type LoginTokenResult = { ok: true; claims: LoginTokenClaims } | { ok: false; error: string };

/** The short-lived token of an emailed login link (audience `register`); registration is stateless. */
@Injectable()
export class LoginTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  issue(accountId: string, redirectTo: string, emailAddress: string): string {
    const now = Math.floor(Date.now() / 1000);
    return this.jwt.sign({
      nbf: now,
      exp: now + Math.round(this.options.login_link_expiry_hours * 3600),
      aud: REGISTER_AUDIENCE,
      account_id: accountId,
      redirect_to: redirectTo,
      email_address: emailAddress,
    });
  }

  /** The claims, or the legacy error message of `user_login`. */
  verify(token: string): LoginTokenResult {
    try {
      const claims = this.jwt.verify<Partial<LoginTokenClaims>>(token, {
        audience: REGISTER_AUDIENCE,
        algorithms: ['HS256'],
      });
      if (typeof claims.account_id !== 'string' || !/^[0-9a-f]{32}$/.test(claims.account_id)) {
        return { ok: false, error: 'Invalid credentials' };
      }
      const redirectTo = typeof claims.redirect_to === 'string' ? claims.redirect_to : '';
      const email = typeof claims.email_address === 'string' ? claims.email_address : '';
      return { ok: true, claims: { account_id: claims.account_id, redirect_to: redirectTo, email_address: email } };
    } catch (err) {
      return { ok: false, error: loginErrorMessage(err) };
    }
  }
}

function loginErrorMessage(err: unknown): string {
  if (err instanceof TokenExpiredError) return 'Expired token';
  if (err instanceof JsonWebTokenError) {
    if (err.message === 'invalid signature') return 'Invalid credential signature';
    if (err.message.startsWith('jwt audience invalid')) return 'Invalid token type';
  }
  return 'Invalid credentials';
}
