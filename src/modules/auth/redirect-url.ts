export interface ValidRedirect {
  /** The URL as the client sent it (trimmed): legacy echoes it back unchanged. */
  url: string;
  /** The host the login link points to. */
  host: string;
}

/**
 * Accepts only `https://<allowed host>/...` without credentials or port. Characters that URL
 * parsers disagree on (backslashes, whitespace, controls) are refused outright.
 */
export function validateRedirectUrl(raw: string, allowedHosts: readonly string[]): ValidRedirect | null {
  const url = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (url.length === 0 || url.length > 2048 || /[\\\s\x00-\x1f\x7f]/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') {
    return null;
  }
  const host = parsed.hostname.toLowerCase();
  if (!allowedHosts.some((h) => h.toLowerCase() === host)) return null;
  if (!url.toLowerCase().startsWith(`https://${host}`)) return null;
  return { url, host };
}

/** The link emailed to the user: the UI's /login page, which hands the token to `user_login`. */
export function loginLink(host: string, token: string): string {
  const link = new URL('/login', `https://${host}`);
  link.searchParams.set('token', token);
  return link.toString();
}
