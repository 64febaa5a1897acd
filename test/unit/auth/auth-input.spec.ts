import { isValidEmailAddress, normalizeEmailAddress } from '../../../src/modules/auth/email-address';
import { loginLink, validateRedirectUrl } from '../../../src/modules/auth/redirect-url';
import { readBodyFields } from '../../../src/modules/auth/request-fields';

const ALLOWED = ['explorer.ooni.org', 'test-lists.ooni.org'];

describe('validateRedirectUrl', () => {
  it('should accept allowed https hosts and echo the URL unchanged', () => {
    const url = 'https://explorer.ooni.org/country/IT?since=2021-01-01&until=2022-01-01';
    expect(validateRedirectUrl(url, ALLOWED)).toEqual({ url, host: 'explorer.ooni.org' });
    expect(validateRedirectUrl(' https://explorer.ooni.org ', ALLOWED)).toEqual({
      url: 'https://explorer.ooni.org',
      host: 'explorer.ooni.org',
    });
    expect(validateRedirectUrl('https://Test-Lists.ooni.org/x', ALLOWED)?.host).toBe('test-lists.ooni.org');
  });

  it.each([
    'https://invalid.ooni.org/country/IT',
    'http://explorer.ooni.org',
    'https://explorer.ooni.org.evil.com/',
    'https://evil.com/explorer.ooni.org',
    'https://explorer.ooni.org@evil.com/',
    'https://user:pw@explorer.ooni.org/',
    'https://explorer.ooni.org:8443/',
    'https://explorer.ooni.org\\@evil.com',
    'https://explorer%2eooni.org/',
    'https://explorer.ooni.org/\nx',
    'javascript:alert(1)',
    '',
    'not a url',
  ])('should refuse %j', (url) => {
    expect(validateRedirectUrl(url, ALLOWED)).toBeNull();
  });

  it('should build the login link on the redirect host', () => {
    expect(loginLink('explorer.ooni.org', 'a.b-c_d')).toBe('https://explorer.ooni.org/login?token=a.b-c_d');
  });
});

describe('isValidEmailAddress', () => {
  it('should accept what the legacy regex accepted, normalized', () => {
    expect(normalizeEmailAddress('  Nick@Example.ORG ')).toBe('nick@example.org');
    expect(isValidEmailAddress('first.last+tag@example.co.uk')).toBe(true);
  });

  it.each(['nick@localhost', 'no-at.example.org', 'a@b@c.org', 'a b@c.org', '', `${'a'.repeat(250)}@b.org`])(
    'should refuse %j',
    (email) => expect(isValidEmailAddress(email)).toBe(false),
  );
});

describe('readBodyFields', () => {
  it('should read JSON and HTML forms, keeping strings only', () => {
    expect(readBodyFields(Buffer.from('{"email_address":"a@b.org","n":1}'), 'application/json')).toEqual({
      email_address: 'a@b.org',
    });
    expect(
      readBodyFields(Buffer.from('email_address=a%40b.org&role=admin'), 'application/x-www-form-urlencoded'),
    ).toEqual({ email_address: 'a@b.org', role: 'admin' });
    expect(readBodyFields(undefined, undefined)).toEqual({});
  });

  it('should refuse bodies that are neither', () => {
    expect(readBodyFields(Buffer.from('[1,2]'), 'application/json')).toBeNull();
    expect(readBodyFields(Buffer.from('{oops'), undefined)).toBeNull();
    expect(readBodyFields(Buffer.from('null'), undefined)).toBeNull();
  });
});
