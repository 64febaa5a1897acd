import { AppConfig } from '../../common/config/app-config';

/** SMTP relay that sends login links (legacy MAIL_SERVER, MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_SSL). */
export interface SmtpOptions {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  /** Empty: no SMTP authentication. */
  username: string;
  password: string;
  /** From: address of login emails (legacy MAIL_SOURCE_ADDRESS). */
  from: string;
  /** Bound on connecting and on each SMTP exchange, so a dead relay cannot hang registrations. */
  timeout_ms: number;
}

export interface AuthOptions {
  /** Session token lifetime; refreshing extends it, up to login_expiry_days after the login. */
  session_expiry_days: number;
  login_expiry_days: number;
  /** Lifetime of the emailed login link. */
  login_link_expiry_hours: number;
  /** Hosts (https only, no port) that registrations may redirect to; the login link points to the same host. */
  login_redirect_allowlist: string[];
  smtp: SmtpOptions;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export type AuthOptionsOverrides = Partial<Omit<AuthOptions, 'smtp'>> & { smtp?: Partial<SmtpOptions> };

export function mergeAuthOptions(base: AuthOptions, over: AuthOptionsOverrides | undefined): AuthOptions {
  return { ...base, ...over, smtp: { ...base.smtp, ...over?.smtp } };
}

/** The options of the `auth` configuration section (defaults: config/default.yaml). */
export function authOptionsFromConfig({ auth }: AppConfig): AuthOptions {
  return {
    session_expiry_days: auth.session_expiry_days,
    login_expiry_days: auth.login_expiry_days,
    login_link_expiry_hours: auth.login_link_expiry_hours,
    login_redirect_allowlist: auth.login_redirect_allowlist,
    smtp: { ...auth.smtp },
  };
}
