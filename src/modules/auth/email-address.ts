// Same accepted set as the legacy EMAIL_RE (full match), plus an RFC 5321 length bound.
const EMAIL_RE = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;
const MAX_LENGTH = 254;

/** Legacy normalization: trimmed and lower-cased, so one mailbox is one account. */
export function normalizeEmailAddress(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidEmailAddress(normalized: string): boolean {
  return normalized.length <= MAX_LENGTH && EMAIL_RE.test(normalized);
}
