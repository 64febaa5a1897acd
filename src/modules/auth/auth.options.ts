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

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  session_expiry_days: 10,
  login_expiry_days: 10,
  login_link_expiry_hours: 24,
  login_redirect_allowlist: [
    'explorer.ooni.org',
    'explorer.test.ooni.org',
    'test-lists.ooni.org',
    'test-lists.test.ooni.org',
  ],
  smtp: {
    host: 'localhost',
    port: 465,
    secure: true,
    username: '',
    password: '',
    from: 'OONI <contact@openobservatory.org>',
    timeout_ms: 10000,
  },
};

export type AuthOptionsOverrides = Partial<Omit<AuthOptions, 'smtp'>> & { smtp?: Partial<SmtpOptions> };

export function mergeAuthOptions(base: AuthOptions, over: AuthOptionsOverrides | undefined): AuthOptions {
  return { ...base, ...over, smtp: { ...base.smtp, ...over?.smtp } };
}

/**
 * The options from the `auth` section of the configuration, defaults for the keys it lacks.
 * The schema may not declare these keys yet, hence the loose read.
 */
export function authOptionsFromConfig(config: AppConfig): AuthOptions {
  const section = config.auth as unknown as AuthOptionsOverrides;
  return mergeAuthOptions(DEFAULT_AUTH_OPTIONS, {
    session_expiry_days: section.session_expiry_days,
    login_expiry_days: section.login_expiry_days,
    login_link_expiry_hours: section.login_link_expiry_hours,
    login_redirect_allowlist: section.login_redirect_allowlist,
    smtp: section.smtp,
  });
}
