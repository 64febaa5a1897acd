import { corsOptionsFor, credentialedOriginMatcher, originPatternToRegExp } from '../../../src/common/http/cors';

describe('credentialedOriginMatcher', () => {
  const matches = credentialedOriginMatcher([
    'https://*.ooni.org',
    'http://localhost:*',
    'https://exact.example.org:8443',
  ]);

  it('should match one DNS label for *. and nothing deeper or shallower', () => {
    expect(matches('https://explorer.ooni.org')).toBe(true);
    expect(matches('https://EXPLORER.OONI.ORG')).toBe(true);
    expect(matches('https://ooni.org')).toBe(false);
    expect(matches('https://a.b.ooni.org')).toBe(false);
    expect(matches('https://explorer.ooni.org.example.com')).toBe(false);
    expect(matches('https://explorerxooni.org')).toBe(false);
    expect(matches('http://explorer.ooni.org')).toBe(false);
    expect(matches('https://explorer.ooni.org:444')).toBe(false);
  });

  it('should match any port, or none, for :*', () => {
    expect(matches('http://localhost')).toBe(true);
    expect(matches('http://localhost:3100')).toBe(true);
    expect(matches('http://localhost:3100/')).toBe(false);
    expect(matches('http://localhost.example.org:3100')).toBe(false);
    expect(matches('https://localhost:3100')).toBe(false);
  });

  it('should match an exact port only', () => {
    expect(matches('https://exact.example.org:8443')).toBe(true);
    expect(matches('https://exact.example.org')).toBe(false);
    expect(matches('https://exact.example.org:84430')).toBe(false);
  });

  it('should refuse a pattern that is not scheme://host[:port]', () => {
    for (const bad of ['explorer.ooni.org', 'https://*', 'https://a.*.org', 'ftp://x.org', 'https://x.org/path']) {
      expect(() => originPatternToRegExp(bad)).toThrow(/invalid CORS origin pattern/);
    }
  });
});

describe('corsOptionsFor', () => {
  const optionsFor = corsOptionsFor({ credentialed_origins: ['https://*.ooni.org'], max_age_s: 600 });

  it('should reflect a listed origin with credentials and let it send a token', () => {
    const options = optionsFor('https://explorer.ooni.org');
    expect(options).toMatchObject({ origin: 'https://explorer.ooni.org', credentials: true, maxAge: 600 });
    expect(options.allowedHeaders).toEqual(expect.arrayContaining(['Authorization', 'Content-Type']));
  });

  it('should open any other origin, or none, without credentials or tokens', () => {
    for (const origin of ['https://example.com', undefined]) {
      const options = optionsFor(origin);
      expect(options).toMatchObject({ origin: '*', credentials: false, maxAge: 600 });
      expect(options.allowedHeaders).toContain('Content-Type');
      expect(options.allowedHeaders).not.toContain('Authorization');
    }
  });
});
