import { InvalidMeasurementError } from '../../../src/modules/fastpath/scoring/errors';
import { computeScores, scoreMeasurement } from '../../../src/modules/fastpath/scoring/score-measurement';
import { SCORED_TEST_NAMES } from '../../../src/modules/fastpath/scoring/scorer-registry';
import { Dict } from '../../../src/modules/fastpath/scoring/types';
import { fixtureFingerprints } from './fixtures';

const base = (testName: string, extra: Dict = {}): Dict => ({
  report_id: '20210121T092829Z_webconnectivity_US_8075_n1_K8Vv8aSpoYfW3wqf',
  test_name: testName,
  probe_cc: 'US',
  probe_asn: 'AS8075',
  input: 'http://mail.google.com',
  measurement_start_time: '2021-01-21 09:28:29',
  test_start_time: '2021-01-21 09:28:28',
  ...extra,
});

/** Values of every JSON type, to put where a dict / list / string is expected. */
const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  1,
  -1.5,
  '',
  'x',
  'unknown_failure x',
  [],
  [null],
  [1, 'a'],
  {},
  { a: null },
  [[[]]],
];

function deeplyNested(depth: number): unknown {
  let v: unknown = { failure: null };
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { requests: v, test_keys: v, response: v };
  return v;
}

describe('scoreMeasurement with malformed input', () => {
  const fingerprints = fixtureFingerprints();
  const opts = { measurementUid: '20210121092830.123456_US_webconnectivity_0123456789abcdef', fingerprints };
  const testNames = [...SCORED_TEST_NAMES, 'dnscheck', 'urlgetter', 'unknown_test'];

  it.each(testNames)('should produce a failed-or-scored row for %s without test_keys', (testName) => {
    const { row } = scoreMeasurement(base(testName), opts);
    expect(row.test_name).toBe(testName);
    expect(() => JSON.parse(row.scores) as unknown).not.toThrow();
  });

  it.each(testNames)('should never throw for %s whatever the test_keys contain', (testName) => {
    for (const tk of [...WEIRD_VALUES, deeplyNested(200)]) {
      expect(() => scoreMeasurement(base(testName, { test_keys: tk }), opts)).not.toThrow();
    }
  });

  it.each(testNames)('should never throw for %s when every test key has an odd type', (testName) => {
    const keys = [
      'requests',
      'queries',
      'tcp_connect',
      'blocking',
      'accessible',
      'title_match',
      'targets',
      'tor_logs',
      'tor_log',
      'tor_progress',
      'sent',
      'received',
      'failure',
      'success',
      'result',
      'connection',
      'x_blocking_flags',
      'signal_backend_status',
      'telegram_web_status',
      'whatsapp_web_failure',
      'bootstrap_time',
      'network_events',
      'body_length_match',
      'headers_match',
      'endpoint',
      'load_time_ms',
      'browser_name',
    ];
    for (const v of WEIRD_VALUES) {
      const tk = Object.fromEntries(keys.map((k) => [k, v]));
      const { row } = scoreMeasurement(base(testName, { test_keys: tk }), opts);
      expect(['t', 'f']).toContain(row.msm_failure);
    }
  });

  it('should never throw on nested requests/responses of odd types', () => {
    for (const v of WEIRD_VALUES) {
      const tk = {
        requests: [v, { request: v, response: v, failure: v }, { response: { body: v, headers: v, code: v } }],
        queries: [v, { answers: v }, { answers: [v, { ipv4: v, hostname: v }] }],
        tcp_connect: [v, { status: v }, { status: { success: v } }],
      };
      for (const testName of [
        'web_connectivity',
        'http_requests',
        'telegram',
        'whatsapp',
        'meek_fronted_requests_test',
        'http_header_field_manipulation',
      ]) {
        expect(() => scoreMeasurement(base(testName, { test_keys: tk }), opts)).not.toThrow();
      }
    }
  });

  it('should score web_connectivity without test_keys as failed (original test_bug_various_keys_missing)', () => {
    expect(computeScores(base('web_connectivity', { test_keys: {} }), fingerprints)).toEqual({
      accuracy: 0.0,
      blocking_general: 0.0,
      blocking_global: 0.0,
      blocking_country: 0.0,
      blocking_isp: 0.0,
      blocking_local: 0.0,
    });
  });

  it('should flag an unexpected blocking value and an invalid title_match as failures', () => {
    expect(computeScores(base('web_connectivity', { test_keys: { blocking: 'weird' } }), fingerprints)).toMatchObject({
      accuracy: 0.0,
      analysis: { msg: 'Unsupported blocking type' },
    });
    expect(
      computeScores(base('web_connectivity', { test_keys: { blocking: false, title_match: 'x' } }), fingerprints),
    ).toMatchObject({ accuracy: 0.0 });
    // Python: 1 == True, so title_match 1 is accepted
    expect(
      computeScores(base('web_connectivity', { test_keys: { blocking: false, title_match: 1 } }), fingerprints)
        .accuracy,
    ).toBeUndefined();
  });

  it('should report the x_*_flags of Web Connectivity 0.5 (original LTE tests)', () => {
    const scores = computeScores(
      base('web_connectivity', {
        probe_cc: 'IT',
        test_version: '0.5.28',
        test_keys: { blocking: 'dns', accessible: false, x_blocking_flags: 32, x_dns_flags: 2, x_null_null_flags: 1 },
      }),
      fingerprints,
    );
    expect(scores).toEqual({
      blocking_general: 1.0,
      blocking_global: 0.0,
      blocking_country: 0.0,
      blocking_isp: 0.0,
      blocking_local: 0.0,
      analysis: { x_blocking_flags: 32, x_dns_flags: 2, x_null_null_flags: 1, blocking_type: 'dns' },
    });
    const defaults = computeScores(
      base('web_connectivity', {
        test_keys: { blocking: false, accessible: true, x_blocking_flags: 5, x_dns_flags: null },
      }),
      fingerprints,
    );
    expect(defaults.analysis).toEqual({ x_blocking_flags: 5, x_dns_flags: 0, x_null_null_flags: 0 });
  });

  it('should score the minimal test_keys of the original unit tests', () => {
    expect(computeScores({ test_name: 'dash' }, fingerprints)).toMatchObject({ accuracy: 0.0, blocking_general: 0.0 });
    expect(
      computeScores(
        { test_name: 'stunreachability', test_keys: { endpoint: 'stun.l.google.com:19302', failure: null } },
        fingerprints,
      ),
    ).toEqual({
      blocking_country: 0.0,
      blocking_general: 0.0,
      blocking_global: 0.0,
      blocking_isp: 0.0,
      blocking_local: 0.0,
      extra: { endpoint: 'stun.l.google.com:19302' },
    });
    expect(computeScores({ test_name: 'stunreachability', test_keys: { failure: 'boo' } }, fingerprints)).toMatchObject(
      {
        blocking_general: 1.0,
        extra: { endpoint: null, failure: 'boo' },
      },
    );
  });

  describe('top-level metadata the original cannot store', () => {
    it.each([
      ['a string', 'not_an_object'],
      [null, 'not_an_object'],
      [[1, 2], 'not_an_object'],
      [42, 'not_an_object'],
    ])('should throw InvalidMeasurementError for %p', (msm, reason) => {
      expect(() => scoreMeasurement(msm, opts)).toThrow(new InvalidMeasurementError(reason as 'not_an_object'));
    });

    it.each([
      [{ report_id: undefined }, 'missing_report_id'],
      [{ report_id: null }, 'missing_report_id'],
      [{ report_id: 12 }, 'invalid_report_id'],
      [{ probe_cc: 'ZZ' }, 'probe_cc_zz'],
      [{ probe_cc: 'zz' }, 'probe_cc_zz'],
      [{ probe_cc: null }, 'invalid_probe_cc'],
      [{ probe_asn: 'AS0' }, 'probe_asn_zero'],
      [{ probe_asn: 'ASxyz' }, 'invalid_probe_asn'],
      [{ probe_asn: 8075 }, 'invalid_probe_asn'],
      [{ test_name: null }, 'invalid_test_name'],
      [{ input: { url: 'x' } }, 'invalid_input'],
      [{ measurement_start_time: '2021-13-01 00:00:00' }, 'invalid_measurement_start_time'],
      [{ measurement_start_time: null }, 'invalid_measurement_start_time'],
      [{ test_start_time: '2021-01-21T09:28:28Z' }, 'invalid_test_start_time'],
    ])('should throw for %p (%s)', (extra, reason) => {
      const msm = base('web_connectivity', extra);
      for (const [k, v] of Object.entries(extra)) if (v === undefined) delete msm[k];
      expect(() => scoreMeasurement(msm, opts)).toThrow(InvalidMeasurementError);
      expect(() => scoreMeasurement(msm, opts)).toThrow(reason);
    });

    it('should accept an empty or missing probe_cc and a missing input, like the original', () => {
      const msm = base('web_connectivity', { test_keys: {} });
      delete msm.probe_cc;
      delete msm.input;
      const { row } = scoreMeasurement(msm, opts);
      expect(row.probe_cc).toBe('');
      expect(row.input).toBe('');
      expect(row.domain).toBe('');
    });

    it('should unwrap {"format": "json", "content": ...} posts', () => {
      const { row } = scoreMeasurement({ format: 'json', content: base('tor', { test_keys: {} }) }, opts);
      expect(row.test_name).toBe('tor');
    });

    it('should fall back to defaults for odd metadata types', () => {
      const { row } = scoreMeasurement(
        base('tor', {
          annotations: ['x'],
          test_helpers: 'x',
          software_name: 3,
          test_runtime: 'slow',
          test_version: null,
        }),
        opts,
      );
      expect(row).toMatchObject({
        platform: 'unset',
        architecture: '',
        test_helper_address: '',
        software_name: '',
        test_runtime: 0,
        test_version: '',
      });
    });

    it('should zero-pad timestamps accepted by strptime', () => {
      const { row } = scoreMeasurement(base('tor', { measurement_start_time: '2021-1-2 3:04:05' }), opts);
      expect(row.measurement_start_time).toBe('2021-01-02 03:04:05');
    });

    it('should extract the domain like urlparse().netloc', () => {
      const domainOf = (input: string): string =>
        scoreMeasurement(base('web_connectivity', { input }), opts).row.domain;
      expect(domainOf('https://user@example.com:8443/a?b#c')).toBe('user@example.com:8443');
      expect(domainOf('example.com/path')).toBe('');
      expect(domainOf('stun.l.google.com:19302')).toBe('');
      expect(domainOf('HTTP://Example.ORG')).toBe('Example.ORG');
      expect(domainOf('http://[::1')).toBe('');
    });
  });
});

describe('scoreMeasurement with wrapped posts', () => {
  const fingerprints = fixtureFingerprints();
  const opts = { measurementUid: 'uid', fingerprints };

  it('should load {"format": "yaml"} posts like yaml.safe_load', () => {
    const content = [
      'report_id: r1',
      'test_name: tor',
      'probe_cc: IT',
      'probe_asn: AS30722',
      "measurement_start_time: '2020-01-16 15:12:30'",
      "test_start_time: '2020-01-16 15:12:30'",
      'test_keys: {targets: {a: {failure: null, network_events: []}, b: {failure: x, network_events: []}}}',
    ].join('\n');
    const { row } = scoreMeasurement({ format: 'yaml', content }, opts);
    expect(JSON.parse(row.scores)).toMatchObject({ blocking_general: 0.5 });
  });

  it('should refuse posts of other formats or with unusable content', () => {
    expect(() => scoreMeasurement({ format: 'xml', content: '<x/>' }, opts)).toThrow(InvalidMeasurementError);
    expect(() => scoreMeasurement({ format: 'yaml', content: '[unclosed' }, opts)).toThrow(InvalidMeasurementError);
    expect(() => scoreMeasurement({ format: 'json', content: 'not a dict' }, opts)).toThrow(InvalidMeasurementError);
  });
});

describe('scorer exceptions', () => {
  it('should store failed scores and report the exception, never swallow it silently', () => {
    const msm = base('web_connectivity');
    // A scorer bug, simulated: reading test_keys throws.
    Object.defineProperty(msm, 'test_keys', {
      enumerable: true,
      get: () => {
        throw new TypeError('scorer bug');
      },
    });
    const scored = scoreMeasurement(msm, { measurementUid: 'uid-1', fingerprints: fixtureFingerprints() });
    expect(scored.scorerError).toBe('TypeError: scorer bug');
    expect(scored.row.msm_failure).toBe('t');
    expect(scored.row.measurement_uid).toBe('uid-1');
  });

  it('should report no error when the scorer succeeds', () => {
    const scored = scoreMeasurement(base('web_connectivity', { test_keys: {} }), {
      measurementUid: 'uid-2',
      fingerprints: fixtureFingerprints(),
    });
    expect(scored.scorerError).toBeUndefined();
  });
});
