import { scoreMeasurement } from '../../../src/modules/fastpath/scoring/score-measurement';
import { FastpathRow } from '../../../src/modules/fastpath/scoring/types';
import { fixtureFingerprints, loadMeasurement } from './fixtures';

// Row values asserted by the original's tests/test_functional_nodb.py (ClickHouse insert mocked out),
// plus the columns the original never fills, which keep the table defaults.
const UNFILLED_COLUMNS = {
  filename: '',
  control_failure: '',
  blocking_general: 0,
  is_ssl_expected: 0,
  page_len: 0,
  page_len_ratio: 0,
  server_cc: '',
  server_asn: 0,
  server_as_name: '',
};

describe('scoreMeasurement rows', () => {
  const fingerprints = fixtureFingerprints();
  const rowOf = (name: string, filename?: string): FastpathRow =>
    scoreMeasurement(loadMeasurement(name), { measurementUid: 'bogus_uid', fingerprints, filename }).row;

  it('should build the web_connectivity_null2 row of the original', () => {
    expect(rowOf('web_connectivity_null2.json')).toEqual({
      ...UNFILLED_COLUMNS,
      measurement_uid: 'bogus_uid',
      report_id: '20220815T190259Z_webconnectivity_IR_197207_n1_OXEdxGds3hbBb6Qd',
      input: 'https://yooz.ir/',
      probe_cc: 'IR',
      probe_asn: 197207,
      test_name: 'web_connectivity',
      test_start_time: '2022-08-15 19:02:57',
      measurement_start_time: '2022-08-15 19:04:21',
      scores:
        '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0,"accuracy":0.0}',
      platform: 'android',
      anomaly: 'f',
      confirmed: 'f',
      msm_failure: 't',
      blocking_type: '',
      domain: 'yooz.ir',
      software_name: 'ooniprobe-android',
      software_version: '3.7.0',
      test_version: '0.4.1',
      test_runtime: 2.476470708,
      architecture: 'arm',
      engine_name: 'ooniprobe-engine',
      engine_version: '3.15.2',
      test_helper_address: 'https://0.th.ooni.org',
      test_helper_type: 'https',
    });
  });

  it('should build the browser_web row of the original, with "unset" platform', () => {
    expect(rowOf('browser_web.json')).toMatchObject({
      anomaly: 'f',
      architecture: '',
      blocking_type: '',
      confirmed: 'f',
      domain: 'www.viber.com',
      engine_name: '',
      engine_version: '',
      input: 'https://www.viber.com/',
      measurement_start_time: '2023-03-20 18:27:02',
      msm_failure: 'f',
      platform: 'unset',
      probe_asn: 577,
      probe_cc: 'CA',
      report_id: '20230320T182635Z_browserweb_CA_577_n1_k3Fvk1o9okE1w7w7',
      scores:
        '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0,' +
        '"extra":{"browser_name":"chrome","load_time_ms":357.40000000037253}}',
      software_name: 'ooniprobe-web',
      software_version: '0.1.0',
      test_name: 'browser_web',
      test_runtime: 0.35740000000037253,
      test_start_time: '2023-03-20 18:26:35',
      test_version: '0.1.0',
    });
  });

  it('should build the openvpn fastpath row and obs_openvpn row of the original', () => {
    const { row, openvpn } = scoreMeasurement(loadMeasurement('openvpn.json'), {
      measurementUid: 'bogus_uid',
      fingerprints,
    });
    expect(row).toMatchObject({
      report_id: '',
      input: 'vpn://openvpn.riseup/?addr=198.252.153.109:443&transport=tcp&obfs=obfs4',
      probe_cc: 'RO',
      probe_asn: 9009,
      scores:
        '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0,' +
        '"extra":{"test_runtime":37.975210163}}',
      platform: 'linux',
      domain: 'openvpn.riseup',
      test_version: '0.0.16',
      architecture: 'amd64',
    });
    expect(openvpn).toEqual({
      anomaly: 0,
      bootstrap_time: 1.5671859910000001,
      confirmed: 0,
      error: '',
      failure: '',
      input: 'vpn://openvpn.riseup/?addr=198.252.153.109:443&transport=tcp&obfs=obfs4',
      last_handshake_transaction_id: 8,
      measurement_start_time: '2022-11-21 17:22:49',
      measurement_uid: 'bogus_uid',
      minivpn_version: '(devel)',
      obfs4_version: '(devel)',
      obfuscation: 'obfs4',
      platform: '',
      probe_asn: 9009,
      probe_cc: 'RO',
      probe_network_name: 'M247 Ltd',
      provider: 'riseup',
      remote: '198.252.153.109:443',
      report_id: '',
      resolver_asn: 9009,
      resolver_ip: '185.45.15.210',
      resolver_network_name: 'M247 Ltd',
      software_name: 'miniooni',
      software_version: '3.17.0-alpha',
      success: 1,
      success_handshake: 1,
      success_icmp: 1,
      success_urlgrab: 1,
      tcp_connect_status_success: 1,
      test_runtime: 37.975210163,
      test_start_time: '2022-11-21 17:22:11',
      transport: 'tcp',
    });
  });

  it('should not build an obs_openvpn row for other tests', () => {
    expect(
      scoreMeasurement(loadMeasurement('tor.json'), { measurementUid: 'u', fingerprints }).openvpn,
    ).toBeUndefined();
  });

  it('should keep the filename when given', () => {
    expect(rowOf('tor.json', 'raw/20200116/15/IT/tor/x.tar.gz').filename).toBe('raw/20200116/15/IT/tor/x.tar.gz');
  });

  it('should store the blocking type of the analysis', () => {
    expect(rowOf('web_connectivity_odd_hdr.json').blocking_type).toBe('dns');
    expect(rowOf('bug_351.json').blocking_type).toBe('http-failure');
  });

  it('should write the legacy meek input list as "{a,b}" with the first item as domain', () => {
    const row = rowOf('meek.json');
    expect(row.input).toMatch(/^\{.+,.+\}$/);
    expect(row.domain).toBe(row.input.slice(1).split(',')[0]);
  });

  it('should leave test helper columns empty when the backend is a bare address', () => {
    const row = rowOf('http_invalid_request_line.yaml');
    expect(row.test_helper_address).toBe('');
    expect(row.test_helper_type).toBe('');
    expect(row.measurement_start_time).toBe('2018-07-26 15:50:22');
    expect(row.test_start_time).toBe('2018-07-26 15:37:14');
    expect(row.input).toBe('');
  });

  it("should serialize scores in the original's key order and number format", () => {
    const row = rowOf('20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json');
    expect(row.scores).toBe(
      '{"blocking_general":1.0,"blocking_global":0.0,"blocking_country":1.0,"blocking_isp":0.0,"blocking_local":0.0,' +
        '"fingerprints":[{"name":"ooni.id_lamanlabuh_kominfo","scope":"nat","location_found":"header.location",' +
        '"confidence_no_fp":5,"expected_countries":["ID"]}],"confirmed":true}',
    );
  });
});
