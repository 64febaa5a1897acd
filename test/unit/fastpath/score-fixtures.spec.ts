import { InvalidMeasurementError } from '../../../src/modules/fastpath/scoring/errors';
import { computeScores, deriveFlags, scoreMeasurement } from '../../../src/modules/fastpath/scoring/score-measurement';
import { Scores } from '../../../src/modules/fastpath/scoring/types';
import { fixtureFingerprints, listMeasurementFixtures, loadMeasurement } from './fixtures';

// Expected results for every measurement fixture.
// "orig" = values asserted by the original fastpath tests (tests/test_unit.py, test_functional_nodb.py);
// "derived" = no original assertion: derived by following the original core.py logic step by step
// (and cross-checked with a throwaway re-implementation of its fingerprint loop).

const zeros = (): Scores => ({
  blocking_general: 0.0,
  blocking_global: 0.0,
  blocking_country: 0.0,
  blocking_isp: 0.0,
  blocking_local: 0.0,
});
const failed = (): Scores => ({ ...zeros(), accuracy: 0.0 });
const blocked = (extra: Scores = {}): Scores => ({ ...zeros(), blocking_general: 1.0, ...extra });

const irFingerprint = {
  confidence_no_fp: 10,
  expected_countries: ['IR'],
  location_found: 'dns',
  name: 'ooni.ir_10dot10_ipv4_1',
  scope: 'nat',
};

interface Expected {
  /** anomaly, confirmed, msm_failure as 't'/'f' */
  flags: string;
  scores: Scores;
  source: 'orig' | 'derived';
  /** The original writes no row: the reason our scoreMeasurement throws. */
  rowError?: string;
}

const EXPECTED: Record<string, Expected> = {
  // derived: Location header prefix fingerprint (nat, ID) confirmed; the original's test only asserts a match
  '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json': {
    flags: 'ttf',
    source: 'derived',
    scores: {
      ...zeros(),
      blocking_general: 1.0,
      blocking_country: 1.0,
      confirmed: true,
      fingerprints: [
        {
          name: 'ooni.id_lamanlabuh_kominfo',
          scope: 'nat',
          location_found: 'header.location',
          confidence_no_fp: 5,
          expected_countries: ['ID'],
        },
      ],
    },
  },
  // derived: body_length_match and headers_match true, no requests to fingerprint
  'binary_city.yaml': { flags: 'fff', source: 'derived', scores: zeros() },
  'browser_web.json': {
    flags: 'fff',
    source: 'orig',
    scores: { ...zeros(), extra: { browser_name: 'chrome', load_time_ms: 357.40000000037253 } },
  },
  'browser_web_error.json': {
    flags: 'tff',
    source: 'orig',
    scores: blocked({ extra: { browser_name: 'chrome', load_time_ms: 680 } }),
  },
  'bug_351.json': {
    flags: 'tft',
    source: 'orig',
    scores: blocked({ analysis: { blocking_type: 'http-failure' }, accuracy: 0.0 }),
  },
  'bug_352.json': {
    flags: 'ttf',
    source: 'orig',
    scores: {
      ...zeros(),
      blocking_general: 2.0,
      blocking_country: 1.0,
      analysis: { blocking_type: 'dns' },
      confirmed: true,
      fingerprints: [irFingerprint],
    },
  },
  // derived: dns_n_http has no scorer -> generic failed scores
  'dns_n_http_bin_body.yaml': { flags: 'fft', source: 'derived', scores: failed() },
  'http_header_field_manipulation_1.json': { flags: 'fft', source: 'orig', scores: failed() },
  'http_header_field_manipulation_2.json': { flags: 'fft', source: 'orig', scores: failed() },
  'http_header_field_manipulation_3.json': { flags: 'fft', source: 'orig', scores: failed() },
  // derived: the first received line differs from the sent one
  'http_invalid_request_line.yaml': { flags: 'tff', source: 'derived', scores: blocked() },
  'http_requests_1.json': { flags: 'fft', source: 'orig', scores: failed() },
  // derived: sent and received request lines differ
  'mbx-1.json': { flags: 'tff', source: 'derived', scores: blocked() },
  'mbx-2.json': { flags: 'tff', source: 'derived', scores: blocked() },
  'meek.json': { flags: 'tff', source: 'orig', scores: blocked() },
  'meek2.json': { flags: 'fff', source: 'orig', scores: zeros() },
  // orig scores; no probe_cc / probe_asn: the original crashes building the row and stores nothing
  'meek3.json': {
    flags: 'fff',
    source: 'orig',
    scores: { ...zeros(), blocking_general: 0.5 },
    rowError: 'invalid_probe_asn',
  },
  'openvpn.json': { flags: 'fff', source: 'orig', scores: { ...zeros(), extra: { test_runtime: 37.975210163 } } },
  // derived: accessible, no fingerprint match
  'report1.json': { flags: 'fff', source: 'derived', scores: zeros() },
  'report1.json.pretty': { flags: 'fff', source: 'derived', scores: zeros() },
  'report1blocked.json': { flags: 'fff', source: 'derived', scores: zeros() },
  'report2.json': { flags: 'fff', source: 'derived', scores: zeros() },
  'report2blocked.json': { flags: 'fff', source: 'derived', scores: zeros() },
  'requests_none.json': { flags: 'tff', source: 'orig', scores: blocked({ analysis: { blocking_type: 'dns' } }) },
  'riseupvpn.json': { flags: 'fff', source: 'orig', scores: {} },
  'signal_022.json': { flags: 'fff', source: 'orig', scores: zeros() },
  'signal_2627.json': { flags: 'fft', source: 'orig', scores: failed() },
  'signal_679.json': { flags: 'fft', source: 'orig', scores: failed() },
  'telegram_nourl.json': { flags: 'fft', source: 'orig', scores: failed() },
  'test_keys_none.json': { flags: 'fft', source: 'orig', scores: failed() },
  'tor.json': { flags: 'fff', source: 'orig', scores: { ...zeros(), extra: { test_runtime: 0.767114298 } } },
  'tor_list.json': { flags: 'fft', source: 'orig', scores: failed() },
  'torsf_1.json': { flags: 'tff', source: 'orig', scores: blocked() },
  'torsf_2.json': {
    flags: 'fff',
    source: 'orig',
    scores: { ...zeros(), extra: { bootstrap_time: 78.980935917, test_runtime: 79.196301917 } },
  },
  'torsf_383.json': { flags: 'fft', source: 'orig', scores: failed() },
  'vanilla_tor.json': { flags: 'tff', source: 'orig', scores: { ...zeros(), blocking_general: 0.98 } },
  'vanilla_tor_ok.json': { flags: 'fff', source: 'orig', scores: zeros() },
  // derived: the original only asserts that no fingerprint matches; probe reports http-failure
  'web_connectivity_b64_hdr.json': {
    flags: 'tff',
    source: 'derived',
    scores: blocked({ analysis: { blocking_type: 'http-failure' } }),
  },
  // derived: the original only asserts non-empty scores; "aGk" has incorrect padding -> matches dropped, accuracy 0
  'web_connectivity_b64_incorrect.json': { flags: 'fft', source: 'derived', scores: failed() },
  'web_connectivity_ir_fp.json': {
    flags: 'ttf',
    source: 'orig',
    scores: {
      ...zeros(),
      blocking_general: 2.0,
      blocking_country: 1.0,
      confirmed: true,
      analysis: { blocking_type: 'dns' },
      fingerprints: [irFingerprint],
    },
  },
  'web_connectivity_no_body.json': { flags: 'fff', source: 'orig', scores: zeros() },
  'web_connectivity_null.json': { flags: 'fft', source: 'orig', scores: failed() },
  'web_connectivity_null2.json': { flags: 'fft', source: 'orig', scores: failed() },
  'web_connectivity_odd_hdr.json': {
    flags: 'tff',
    source: 'orig',
    scores: blocked({ analysis: { blocking_type: 'dns' } }),
  },
  'whatsapp.json': {
    flags: 'fff',
    source: 'orig',
    scores: {
      ...zeros(),
      analysis: {
        registration_server_accessible: true,
        whatsapp_endpoints_accessible: true,
        whatsapp_web_accessible: true,
      },
    },
  },
  // derived: http_requests with matching body length and headers
  'yaml16_0.json': { flags: 'fff', source: 'derived', scores: zeros() },
  // derived: dns_consistency is never scored
  'yaml17_0.json': { flags: 'fff', source: 'derived', scores: zeros() },
};

const flagsOf = (f: { anomaly: boolean; confirmed: boolean; msmFailure: boolean }): string =>
  [f.anomaly, f.confirmed, f.msmFailure].map((b) => (b ? 't' : 'f')).join('');

describe('scoreMeasurement on the measurement fixtures', () => {
  const fingerprints = fixtureFingerprints();

  it('should have an expectation for every fixture file', () => {
    expect(listMeasurementFixtures()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    it(`should compute the ${expected.source === 'orig' ? "original's" : 'derived'} scores`, () => {
      expect(computeScores(loadMeasurement(name), fingerprints)).toEqual(expected.scores);
    });

    if (expected.rowError) {
      it(`should refuse to build a row (${expected.rowError})`, () => {
        const scoring = (): unknown => scoreMeasurement(loadMeasurement(name), { measurementUid: 'uid', fingerprints });
        expect(scoring).toThrow(InvalidMeasurementError);
        expect(scoring).toThrow(expected.rowError);
        expect(flagsOf(deriveFlags(computeScores(loadMeasurement(name), fingerprints)))).toBe(expected.flags);
      });
      return;
    }

    it(`should set anomaly/confirmed/msm_failure to ${expected.flags}`, () => {
      const uid = name.startsWith('2025') ? name.replace(/\.json$/, '') : 'bogus_uid';
      const { row } = scoreMeasurement(loadMeasurement(name), { measurementUid: uid, fingerprints });
      expect(row.anomaly + row.confirmed + row.msm_failure).toBe(expected.flags);
      expect(JSON.parse(row.scores)).toEqual(expected.scores);
    });
  });
});
