import { blake2b } from './blake2b';

/**
 * The account id of an email address: keyed BLAKE2b, 16-byte digest, hex (legacy `hash_email_address`),
 * so ids already stored in `accounts` by the legacy API keep matching. The address is never stored.
 */
export function hashEmailAddress(normalizedEmail: string, hashingKey: string): string {
  return blake2b(Buffer.from(normalizedEmail, 'utf8'), Buffer.from(hashingKey, 'utf8'), 16).toString('hex');
}
