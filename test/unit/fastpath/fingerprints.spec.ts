import { isConfirmed } from '../../../src/modules/fastpath/scoring/fingerprint-confirmation';
import {
  CompiledFingerprint,
  compileFingerprints,
  matchDnsQueries,
  matchHttpResponse,
  parseExpectedCountries,
} from '../../../src/modules/fastpath/scoring/fingerprints';
import { LiteralSetMatcher } from '../../../src/modules/fastpath/scoring/literal-set-matcher';
import { computeScores } from '../../../src/modules/fastpath/scoring/score-measurement';
import { FingerprintRecord } from '../../../src/modules/fastpath/scoring/types';
import { loadFingerprintRecords } from './fixtures';

function fp(
  name: string,
  location_found: string,
  pattern_type: string,
  pattern: string,
  expected_countries = '',
  scope = 'fp',
): FingerprintRecord {
  return {
    name,
    scope,
    other_names: '',
    location_found,
    pattern_type,
    pattern,
    confidence_no_fp: 5,
    expected_countries,
  };
}

const DNS = [
  fp('dns_a', 'dns', 'full', '10.10.34.34', 'IR', 'nat'),
  fp('dns_b', 'dns', 'full', 'blocked.example', 'TR', 'isp'),
  fp('dns_dup', 'dns', 'full', '10.10.34.34', '', 'fp'),
];
const HTTP = [
  fp('body_contains', 'body', 'contains', 'Access Denied by Policy', 'IT', 'fp'),
  fp('hdr_full', 'header.server', 'full', 'Kerio Control Embedded Web Server', '', 'inst'),
  fp('body_regexp', 'body', 'regexp', 'URL .* blocked', '', 'fp'),
  fp('hdr_prefix', 'header.location', 'prefix', 'http://block.example/', 'RU', 'isp'),
  fp('hdr_contains', 'header.location', 'contains', 'warning', '', 'nat'),
  fp('body_full', 'body', 'full', '<HTML></HTML>', '', 'prod'),
  fp('body_unicode', 'body', 'contains', 'دسترسی غیرمجاز', 'IR', 'nat'),
  fp('hdr_prefix_long', 'header.location', 'prefix', 'http://block.example/path', '', 'vbw'),
  fp('body_short', 'body', 'contains', 'XY', '', 'fp'),
];

const names = (list: CompiledFingerprint[]): string[] => list.map((f) => f.name);

describe('compileFingerprints', () => {
  const fps = compileFingerprints(DNS, HTTP);
  const matchResp = (resp: Record<string, unknown>): string[] => {
    const out: CompiledFingerprint[] = [];
    matchHttpResponse(fps, resp, out);
    return names(out);
  };

  describe('DNS', () => {
    it('should match ipv4, else hostname, else ipv6 answers exactly, in list order', () => {
      const queries = [
        { answers: [{ ipv4: '10.10.34.34' }, { hostname: 'blocked.example' }, { ipv4: '10.10.34.35' }] },
        { answers: [{ hostname: 'x', ipv4: '1.1.1.1' }, { ipv6: 'blocked.example' }] },
      ];
      expect(names(matchDnsQueries(fps, queries))).toEqual(['dns_a', 'dns_dup', 'dns_b', 'dns_b']);
    });

    it('should ignore malformed queries and answers', () => {
      expect(matchDnsQueries(fps, [null, 'x', { answers: null }, { answers: [null, 3, { ipv4: null }] }])).toEqual([]);
      expect(matchDnsQueries(fps, { answers: [] })).toEqual([]);
    });
  });

  describe('body', () => {
    it('should find "contains" patterns as substrings', () => {
      expect(matchResp({ body: '<p>Access Denied by Policy</p>' })).toEqual(['body_contains']);
    });

    it('should search "regexp" and "full" body patterns literally, like the original', () => {
      expect(matchResp({ body: 'URL http://x blocked' })).toEqual([]);
      expect(matchResp({ body: 'xx URL .* blocked xx' })).toEqual(['body_regexp']);
      expect(matchResp({ body: 'before <HTML></HTML> after' })).toEqual(['body_full']);
    });

    it('should match non-ASCII and short patterns, reporting each fingerprint once in list order', () => {
      expect(matchResp({ body: 'XY دسترسی غیرمجاز <HTML></HTML> Access Denied by Policy XY' })).toEqual([
        'body_contains',
        'body_full',
        'body_unicode',
        'body_short',
      ]);
    });

    it('should match the UTF-8 bytes of base64 bodies', () => {
      const data = Buffer.from('\u00ff\u0000 دسترسی غیرمجاز', 'utf8').toString('base64');
      expect(matchResp({ body: { format: 'base64', data } })).toEqual(['body_unicode']);
    });

    it('should report base64 with incorrect padding, where the original b64decode raises', () => {
      const out: CompiledFingerprint[] = [];
      expect(matchHttpResponse(fps, { body: { format: 'base64', data: 'aGk' } }, out)).toBe(false);
      expect(matchHttpResponse(fps, { headers: { Location: { format: 'base64', data: 'aGk' } } }, out)).toBe(false);
      // padding ends decoding; characters outside the alphabet are skipped
      expect(matchHttpResponse(fps, { body: { format: 'base64', data: 'aGk=!!!garbage' } }, out)).toBe(true);
      expect(matchHttpResponse(fps, { body: { format: 'base64', data: 'aG\nk=' } }, out)).toBe(true);
      expect(matchHttpResponse(fps, { body: { format: 'base64', data: 'aGké=' } }, out)).toBe(false);
    });

    it('should skip dict bodies that are not base64 and non-string bodies', () => {
      expect(matchResp({ body: { data: 'Access Denied by Policy' } })).toEqual([]);
      expect(matchResp({ body: 42 })).toEqual([]);
      expect(matchResp({ body: null })).toEqual([]);
    });
  });

  describe('headers', () => {
    it('should match "full" header values exactly, with case-insensitive header names', () => {
      expect(matchResp({ headers: { SERVER: 'Kerio Control Embedded Web Server' } })).toEqual(['hdr_full']);
      expect(matchResp({ headers: { Server: 'Kerio Control Embedded Web Server 2' } })).toEqual([]);
    });

    it('should match every "prefix" fingerprint that prefixes the value', () => {
      expect(matchResp({ headers: { Location: 'http://block.example/path?x=1' } })).toEqual([
        'hdr_prefix',
        'hdr_prefix_long',
      ]);
      expect(matchResp({ headers: { Location: 'http://block.example' } })).toEqual([]);
    });

    it('should decode base64 header values as latin1 for prefix matching', () => {
      const data = Buffer.from('http://block.example/\xe9', 'latin1').toString('base64');
      expect(matchResp({ headers: { Location: { format: 'base64', data } } })).toEqual(['hdr_prefix']);
    });

    it('should never apply "contains" header fingerprints, like the original', () => {
      expect(matchResp({ headers: { Location: 'http://x/warning' } })).toEqual([]);
    });

    it('should report body matches before header matches', () => {
      expect(
        matchResp({ body: 'Access Denied by Policy', headers: { server: 'Kerio Control Embedded Web Server' } }),
      ).toEqual(['body_contains', 'hdr_full']);
    });
  });

  describe('confirmation and locality', () => {
    const wc = (probe_cc: string, test_keys: Record<string, unknown>): Record<string, unknown> =>
      computeScores({ test_name: 'web_connectivity', probe_cc, test_keys: { blocking: false, ...test_keys } }, fps);

    it('should confirm a fingerprint expected in the probe country', () => {
      const scores = wc('it', { requests: [{ response: { body: 'Access Denied by Policy' } }] });
      expect(scores).toMatchObject({ confirmed: true, blocking_general: 1.0 });
      // scope "fp" maps to the general locality
      expect(scores.blocking_country).toBe(0.0);
    });

    it('should not confirm a country-restricted fingerprint elsewhere', () => {
      const scores = wc('FR', { requests: [{ response: { body: 'Access Denied by Policy' } }] });
      expect(scores.confirmed).toBeUndefined();
      expect(scores.fingerprints).toHaveLength(1);
      expect(scores.blocking_general).toBe(0.0);
    });

    it('should confirm isp and nat fingerprints in any country, with their locality', () => {
      const scores = wc('FR', { queries: [{ answers: [{ hostname: 'blocked.example' }] }] });
      expect(scores).toMatchObject({ confirmed: true, blocking_isp: 1.0, blocking_general: 1.0 });
      const nat = wc('US', { requests: [{ response: { body: 'دسترسی غیرمجاز' } }] });
      expect(nat).toMatchObject({ confirmed: true, blocking_country: 1.0, blocking_general: 1.0 });
    });

    it('should map scope inst to local and unknown scopes to general', () => {
      const local = wc('US', {
        requests: [{ response: { headers: { Server: 'Kerio Control Embedded Web Server' } } }],
      });
      expect(local.confirmed).toBeUndefined();
      expect(isConfirmed('US', { scope: 'inst', expectedCountries: ['US'] })).toBe(true);
      const vbw = wc('US', { requests: [{ response: { headers: { Location: 'http://block.example/path' } } }] });
      // hdr_prefix is isp (confirmed anywhere); hdr_prefix_long (vbw, no country) is not
      expect(vbw).toMatchObject({ confirmed: true, blocking_isp: 1.0, blocking_general: 1.0 });
    });

    it('should never confirm ZZ through expected countries', () => {
      expect(isConfirmed('ZZ', { scope: 'fp', expectedCountries: ['ZZ'] })).toBe(false);
      expect(isConfirmed('IT', { scope: 'fp', expectedCountries: ['IT'] })).toBe(true);
      expect(isConfirmed('IT', { scope: 'fp', expectedCountries: ['FR'] })).toBe(false);
      expect(isConfirmed('IT', { scope: 'nat', expectedCountries: [] })).toBe(true);
    });
  });

  describe('parseExpectedCountries', () => {
    it.each([
      ['', []],
      [',RU', ['RU']],
      ['AU,DE,DK,FR ', ['AU', 'DE', 'DK', 'FR']],
      ['fr,ZZ,it,FR', ['FR', 'IT']],
    ])('should parse %p', (input, expected) => {
      expect(parseExpectedCountries(input)).toEqual(expected);
    });
  });
});

describe('compileFingerprints on the fixture fingerprints', () => {
  const { dns, http } = loadFingerprintRecords();
  const fps = compileFingerprints(dns, http);

  it("should match the original's test cases", () => {
    const my = computeScores(
      {
        test_name: 'web_connectivity',
        probe_cc: 'MY',
        test_keys: { requests: [{ response: { body: 'foo ... Makluman/Notification ... foo' } }] },
      },
      fps,
    );
    expect(my.fingerprints).toEqual([
      { confidence_no_fp: 5, expected_countries: ['MY'], location_found: 'body', name: 'ooni.my_0', scope: 'nat' },
    ]);
    const it = computeScores(
      {
        test_name: 'web_connectivity',
        probe_cc: 'IT',
        test_keys: { requests: [{ response: { body: 'GdF Stop Page' } }], blocking: false, accessible: true },
      },
      fps,
    );
    expect(it).toEqual({
      blocking_general: 1.0,
      blocking_global: 0.0,
      blocking_country: 1.0,
      blocking_isp: 0.0,
      blocking_local: 0.0,
      confirmed: true,
      fingerprints: [
        { confidence_no_fp: 5, expected_countries: ['IT'], location_found: 'body', name: 'ooni.it_0', scope: 'nat' },
      ],
    });
    const tr = matchDnsQueries(fps, [{ answers: [{ hostname: 'beeg.com' }, { ipv4: '195.175.254.2' }] }]);
    expect(names(tr)).toEqual(['ooni.tr_6']);
    const dictBody: CompiledFingerprint[] = [];
    matchHttpResponse(
      fps,
      { body: { data: 'q82BgAABAAEAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQABwAwAAQABAAA/+AAEXbjYIg==', format: 'base64' } },
      dictBody,
    );
    expect(dictBody).toEqual([]);
  });

  it('should find exactly what one substring search per fingerprint finds', () => {
    const bodyPatterns = http.filter((r) => r.location_found === 'body').map((r) => r.pattern);
    let seed = 42;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const pieces: string[] = [];
      for (let i = 0; i < 30; i++) {
        const p = bodyPatterns[rand(bodyPatterns.length)];
        // whole patterns, truncated ones (near misses) and filler
        const r = rand(3);
        pieces.push(r === 0 ? p : r === 1 ? p.slice(0, Math.max(1, p.length - 1 - rand(3))) : ' lorem <b>ipsum</b> ');
      }
      const body = pieces.join(rand(2) ? '' : '\n');
      const expected = http
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.location_found === 'body' && body.includes(r.pattern))
        .map(({ r }) => r.name);
      const out: CompiledFingerprint[] = [];
      matchHttpResponse(fps, { body }, out);
      expect(names(out)).toEqual(expected);
    }
  });
});

describe('LiteralSetMatcher', () => {
  it('should handle empty and short inputs and duplicate patterns', () => {
    const m = new LiteralSetMatcher(['abcd', '', 'ab', 'abcd', 'bcde']);
    expect(m.matchText('')).toEqual([1]);
    expect(m.matchText('abc')).toEqual([1, 2]);
    expect(m.matchText('xabcdex')).toEqual([0, 1, 2, 3, 4]);
  });

  it('should find patterns at the very start and end of the text', () => {
    const m = new LiteralSetMatcher(['start-pattern', 'the-end']);
    expect(m.matchText('start-pattern middle the-end')).toEqual([0, 1]);
  });

  it('should match non-ASCII text and raw bytes alike', () => {
    const m = new LiteralSetMatcher(['非法阻断', 'ü']);
    expect(m.matchText('xx 非法阻断 xü')).toEqual([0, 1]);
    expect(m.matchBytes(Buffer.from('..非法阻断..', 'utf8'))).toEqual([0]);
    expect(m.matchBytes(Buffer.from('非法阻', 'utf8'))).toEqual([]);
  });

  it('should handle long texts beyond its scratch buffer', () => {
    const m = new LiteralSetMatcher(['needle in a haystack']);
    const text = 'hay '.repeat(100000) + 'needle in a haystack';
    expect(m.matchText(text)).toEqual([0]);
    expect(m.matchText('hay')).toEqual([]);
  });
});
