import { Inject, Injectable, Logger } from '@nestjs/common';
import { Role, ROLES, SessionClaims } from '../../common/auth/auth.types';
import { SessionExpungeRepository } from '../../common/auth/session-expunge.repository';
import { SessionTokenService } from '../../common/auth/session-token.service';
import { AppConfig } from '../../common/config/app-config';
import { ApiError, badRequest } from '../../common/errors/api-error';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { hashEmailAddress } from './account-id';
import { AccountsRepository } from './accounts.repository';
import { AUTH_OPTIONS, AuthOptions } from './auth.options';
import { isValidEmailAddress, normalizeEmailAddress } from './email-address';
import { LoginMailerService } from './login-mailer.service';
import { LoginTokenService } from './login-token.service';
import { loginLink, validateRedirectUrl } from './redirect-url';

export interface LoginResult {
  redirect_to: string;
  bearer: string;
}

/** Email login without stored emails or passwords, account roles and session expunge (legacy auth.py). */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    private readonly accounts: AccountsRepository,
    private readonly expunge: SessionExpungeRepository,
    private readonly sessions: SessionTokenService,
    private readonly loginTokens: LoginTokenService,
    private readonly mailer: LoginMailerService,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  accountIdOf(normalizedEmail: string): string {
    return hashEmailAddress(normalizedEmail, this.config.auth.account_id_hashing_key);
  }

  /** Validates and normalizes an email address, or throws the legacy 400. */
  validEmail(raw: string | undefined): string {
    const email = normalizeEmailAddress(raw ?? '');
    if (!isValidEmailAddress(email)) throw badRequest('Invalid email address');
    return email;
  }

  /** Emails a login link; the answer is the same whether the account exists or not. */
  async register(rawEmail: string | undefined, rawRedirect: string | undefined): Promise<void> {
    const email = normalizeEmailAddress(rawEmail ?? '');
    if (!email) throw badRequest('Invalid request');
    if (!isValidEmailAddress(email)) throw badRequest('Invalid email address');
    const redirect = validateRedirectUrl(rawRedirect ?? '', this.options.login_redirect_allowlist);
    if (!redirect) throw badRequest('Invalid request');

    const token = this.loginTokens.issue(this.accountIdOf(email), redirect.url);
    try {
      await this.mailer.sendLoginLink(email, loginLink(redirect.host, token));
    } catch (err) {
      this.metrics.increment('user_register.email_failed');
      this.logger.error(`cannot send the login email: ${(err as Error).message}`);
      throw badRequest('Unable to send the email');
    }
  }

  /** Exchanges a login-link token for a session token carrying the account's current role. */
  async login(token: string): Promise<LoginResult> {
    const result = this.loginTokens.verify(token);
    if (!result.ok) throw new ApiError(result.error, 401);
    const accountId = result.claims.account_id;
    const role = (await this.accounts.role(accountId)) ?? 'user';
    return { redirect_to: result.claims.redirect_to, bearer: this.sessions.issue(accountId, role, this.expiry()) };
  }

  /**
   * A fresh session token with the same login time. The role is read again (legacy copied it
   * from the old token), so a promotion or demotion takes effect at the next refresh.
   */
  async refresh(claims: SessionClaims): Promise<string> {
    const role = (await this.accounts.role(claims.account_id)) ?? 'user';
    return this.sessions.issue(claims.account_id, role, this.expiry(), claims.login_time);
  }

  async accountRole(rawEmail: string): Promise<Role> {
    const accountId = this.accountIdOf(this.validEmail(rawEmail));
    const role = await this.accounts.role(accountId);
    if (role === null) throw badRequest('Account not found');
    return role;
  }

  async setAccountRole(rawEmail: string | undefined, rawRole: string | undefined): Promise<void> {
    const role = (rawRole ?? '').trim().toLowerCase();
    const email = this.validEmail(rawEmail);
    if (!(ROLES as readonly string[]).includes(role)) throw badRequest('Invalid role');
    const accountId = this.accountIdOf(email);
    await this.accounts.setRole(accountId, role as Role);
    this.logger.log(`account ${accountId} role set to ${role}`);
  }

  async expungeSessions(rawEmail: string | undefined): Promise<void> {
    const accountId = this.accountIdOf(this.validEmail(rawEmail));
    await this.expunge.expungeNow(accountId);
    this.logger.log(`sessions of account ${accountId} expunged`);
  }

  sessionMaxAgeSeconds(): number {
    return Math.round(this.options.session_expiry_days * 86400);
  }

  private expiry(): { sessionExpiryDays: number; loginExpiryDays: number } {
    return { sessionExpiryDays: this.options.session_expiry_days, loginExpiryDays: this.options.login_expiry_days };
  }
}
