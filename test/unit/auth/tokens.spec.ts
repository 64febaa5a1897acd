import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { SessionTokenService } from '../../../src/common/auth/session-token.service';
import { authOptionsFromConfig } from '../../../src/modules/auth/auth.options';
import { LoginTokenService } from '../../../src/modules/auth/login-token.service';
import { defaultTestConfig } from '../../helpers/test-config';

const KEY = 'test-signing-key';
const ACCOUNT = '71e398652ecfb1be6a2359923c7df008';
const OPTS = { sessionExpiryDays: 2, loginExpiryDays: 7 };

const jwtService = (secret = KEY): JwtService =>
  new JwtService({ secret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });

const b64 = (obj: object): string => Buffer.from(JSON.stringify(obj)).toString('base64url');

/** A JWT signed by hand, so any header and claims can be tried. */
function rawJwt(header: object, claims: object, secret = KEY): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function sessionClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    nbf: now,
    iat: now,
    exp: now + 3600,
    aud: 'user_auth',
    account_id: ACCOUNT,
    login_time: now,
    role: 'admin',
    ...overrides,
  };
}

describe(SessionTokenService.name, () => {
  const service = new SessionTokenService(jwtService());

  it('should issue tokens with the legacy claims and accept them', () => {
    const token = service.issue(ACCOUNT, 'user', OPTS, Math.floor(Date.now() / 1000) - 6 * 86400);
    const claims = service.verify(token);
    expect(claims).toMatchObject({ account_id: ACCOUNT, role: 'user', aud: 'user_auth' });
    // Capped by the login expiry (7 days after a login 6 days ago) rather than the 2-day session.
    expect(claims!.exp - claims!.login_time).toBe(7 * 86400);
  });

  it('should accept a hand-made HS256 token with the right key', () => {
    expect(service.verify(rawJwt({ alg: 'HS256', typ: 'JWT' }, sessionClaims()))).not.toBeNull();
  });

  it('should reject a tampered token', () => {
    const token = service.issue(ACCOUNT, 'user', OPTS);
    const [h, , s] = token.split('.');
    expect(service.verify(`${h}.${b64(sessionClaims({ role: 'admin' }))}.${s}`)).toBeNull();
  });

  it('should reject an expired token', () => {
    expect(
      service.verify(rawJwt({ alg: 'HS256' }, sessionClaims({ exp: Math.floor(Date.now() / 1000) - 1 }))),
    ).toBeNull();
  });

  it('should reject alg none, other algorithms and foreign keys', () => {
    expect(service.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(sessionClaims())}.`)).toBeNull();
    const hs512 = `${b64({ alg: 'HS512' })}.${b64(sessionClaims())}`;
    expect(service.verify(`${hs512}.${createHmac('sha512', KEY).update(hs512).digest('base64url')}`)).toBeNull();
    expect(service.verify(rawJwt({ alg: 'HS256' }, sessionClaims(), 'another-key'))).toBeNull();
  });

  it('should reject other audiences, unknown roles and malformed account ids', () => {
    expect(service.verify(rawJwt({ alg: 'HS256' }, sessionClaims({ aud: 'register' })))).toBeNull();
    expect(service.verify(rawJwt({ alg: 'HS256' }, sessionClaims({ role: 'root' })))).toBeNull();
    expect(service.verify(rawJwt({ alg: 'HS256' }, sessionClaims({ account_id: "x' OR 1=1" })))).toBeNull();
    expect(service.verify(rawJwt({ alg: 'HS256' }, sessionClaims({ account_id: 'a'.repeat(33) })))).toBeNull();
    expect(service.verify('garbage')).toBeNull();
  });
});

describe(LoginTokenService.name, () => {
  const service = new LoginTokenService(jwtService(), authOptionsFromConfig(defaultTestConfig()));

  it('should round-trip the account, redirect and email address', () => {
    const result = service.verify(service.issue(ACCOUNT, 'https://explorer.ooni.org', 'user@example.org'));
    expect(result).toEqual({
      ok: true,
      claims: { account_id: ACCOUNT, redirect_to: 'https://explorer.ooni.org', email_address: 'user@example.org' },
    });
  });

  it('should read a link issued without an email address as ""', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { nbf: now, exp: now + 60, aud: 'register', account_id: ACCOUNT, redirect_to: 'https://x.org' };
    expect(service.verify(rawJwt({ alg: 'HS256' }, claims))).toEqual({
      ok: true,
      claims: { account_id: ACCOUNT, redirect_to: 'https://x.org', email_address: '' },
    });
  });

  it('should name the legacy errors', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { nbf: now, exp: now + 60, aud: 'register', account_id: ACCOUNT, redirect_to: '' };
    expect(service.verify('BOGUS')).toEqual({ ok: false, error: 'Invalid credentials' });
    expect(service.verify(rawJwt({ alg: 'HS256' }, claims, 'other'))).toEqual({
      ok: false,
      error: 'Invalid credential signature',
    });
    expect(service.verify(rawJwt({ alg: 'HS256' }, { ...claims, exp: now - 10 }))).toEqual({
      ok: false,
      error: 'Expired token',
    });
    // A session token is not a login token.
    expect(service.verify(rawJwt({ alg: 'HS256' }, sessionClaims()))).toEqual({
      ok: false,
      error: 'Invalid token type',
    });
    expect(service.verify(`${b64({ alg: 'none' })}.${b64(claims)}.`)).toMatchObject({ ok: false });
  });
});
