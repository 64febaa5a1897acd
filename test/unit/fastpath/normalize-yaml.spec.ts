import { YamlReportError } from '../../../src/modules/fastpath/scoring/errors';
import { generateReportId, normalizeYamlReport } from '../../../src/modules/fastpath/scoring/normalize-yaml';
import { splitYamlBlobs } from '../../../src/modules/fastpath/scoring/yaml-blobs';
import { readMeasurementFile } from './fixtures';

// Expected ids were computed with Python from the raw fixture bytes (uuid.UUID(bytes=sha1(header + entry)[:16]),
// shake_128(entry).hexdigest(15)), as the original normalizer does.
describe('normalizeYamlReport', () => {
  it('should decode a binary probe_city dropping undecodable bytes (original test)', () => {
    const { measurements, skipped } = normalizeYamlReport(
      readMeasurementFile('binary_city.yaml'),
      '2015-11-05',
      '2015-11-05/bogus_fname.yaml',
    );
    expect(skipped).toEqual([]);
    expect(measurements).toHaveLength(1);
    const msm = measurements[0];
    expect(msm.probe_city).toBe('Reykjavk');
    expect(() => JSON.stringify(msm)).not.toThrow();
    expect(msm).toMatchObject({
      id: 'd0552436-0a70-21f9-4587-796eec0cf019',
      measurement_uid: '0120151105e6e97af9dabb462dc4066ae2fd58a5',
      report_id: 'PqtugF8dGSTWXGIa4ao2Fs1hjVpjZVXXN4dUmaPIdFjR9kg0OPZY5Mtho8fiQeM7',
      test_name: 'http_requests',
      data_format_version: '0.2.0',
      bucket_date: '2015-11-05',
      report_filename: '2015-11-05/bogus_fname.yaml',
      measurement_start_time: '2015-11-05 12:29:36',
      test_start_time: '2015-11-05 12:29:36',
      input: 'http://666games.net',
      test_keys: {
        body_length_match: true,
        headers_match: true,
        headers_diff: [],
        requests: [],
        control_failure: null,
      },
    });
    expect(msm).not.toHaveProperty('start_time');
  });

  it('should make binary bodies JSON-safe and generate a missing report_id (original test)', () => {
    const { measurements } = normalizeYamlReport(
      readMeasurementFile('dns_n_http_bin_body.yaml'),
      '2015-09-03',
      '2015-09-03/20150903T223722Z-TR-AS15897-dns_n_http-no_report_id-0.1.0-probe.yaml',
    );
    expect(measurements).toHaveLength(1);
    const msm = measurements[0];
    expect(msm.report_id).toBe('20150903T224143Z_CpaoIyOdkFoTckvDSDzlXVEGofsPeymqgCmprcGMkMPUbQpAhy');
    expect(msm.measurement_uid).toBe('0120150903ec3e094eff954963951d8f492e60c1');
    expect(msm.id).toBe('5e90a900-bd95-7113-c0aa-e61012394c85');
    const body = (msm.test_keys.requests as { response: { body: unknown } }[])[0].response.body;
    expect(body).toBe('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="gbk" />\n<tit');
    expect(JSON.parse(JSON.stringify(msm))).toEqual(msm);
  });

  it('should keep the entry test_start_time over the header one and escape binary lines (original test)', () => {
    const { measurements } = normalizeYamlReport(
      readMeasurementFile('http_invalid_request_line.yaml'),
      '2018-07-27',
      '2018-07-27/bogus_fname.yaml',
    );
    const msm = measurements[0];
    expect(msm).toMatchObject({
      measurement_uid: '012018072655bdb2c4f8c648f4ef622490136d32',
      test_start_time: '2018-07-26 15:37:14',
      measurement_start_time: '2018-07-26 15:50:22',
      test_runtime: 8.056843996047974,
      input: null,
      test_helpers: { backend: '37.218.247.110' },
    });
    expect(Object.keys(msm.test_keys).sort()).toEqual(['received', 'sent', 'tampering']);
    // bytes 00 1b ba d9 32 7f 00 00 c0 73 e0 ... decoded with backslashreplace
    expect((msm.test_keys.received as string[])[2]).toBe(
      '\u0000\u001b\\xba\\xd92\u007f\u0000\u0000\\xc0s\\xe0 Ay9Ll HxM7V\n\r',
    );
  });

  it('should generate report ids as the original (missing probe_city hashed as "None")', () => {
    expect(
      generateReportId({
        start_time: 1441320103.0,
        probe_cc: 'TR',
        probe_asn: 'AS15897',
        test_name: 'dns_n_http',
        software_version: '1.3.1',
        probe_city: null,
      }),
    ).toBe('20150903T224143Z_CpaoIyOdkFoTckvDSDzlXVEGofsPeymqgCmprcGMkMPUbQpAhy');
    expect(generateReportId({})).toMatch(/^19700101T000000Z_[A-Za-z]{50}$/);
  });

  it('should normalize legacy http requests: headers lists, tor flags and ordering', () => {
    const yaml = [
      '---',
      'probe_asn: AS1',
      'probe_cc: IT',
      'report_id: rid',
      'software_name: ooniprobe',
      'software_version: 1.0.0',
      'start_time: 1400000000.0',
      'test_name: http_requests_test',
      'test_version: 0.2.3',
      'options: [--url, "http://x.org"]',
      '...',
      '---',
      'input: null',
      'body_length_match: false',
      'headers_match: true',
      'requests:',
      '- request: {body: null, headers: [[Host, [x.org]]], method: GET, url: "shttp://x.org", tor: {is_tor: true}}',
      '  response: {body: "tor body", headers: [[Content-Length, ["8"]]], code: 200}',
      '- request: {body: null, headers: [], method: GET, url: "http://x.org", tor: {is_tor: false}}',
      '  response: {body: "Access denied", headers: [[Server, [Squid, other]]], code: 403}',
      'test_start_time: 1400000005.0',
      '...',
      '',
    ].join('\n');
    const { measurements, skipped } = normalizeYamlReport(yaml, '2014-05-13', '2014-05-13/r.yaml');
    expect(skipped).toEqual([]);
    const msm = measurements[0];
    expect(msm.input).toBe('http://x.org');
    expect(msm.test_name).toBe('http_requests');
    expect(msm.measurement_start_time).toBe('2014-05-13 16:53:25');
    expect(msm.test_start_time).toBe('2014-05-13 16:53:20');
    expect(msm.test_keys.requests).toEqual([
      {
        request: {
          body: null,
          headers: {},
          method: 'GET',
          url: 'http://x.org',
          tor: { is_tor: false, exit_ip: null, exit_name: null },
        },
        response: { body: 'Access denied', headers: { Server: 'Squid' }, code: 403 },
        response_length: null,
      },
      {
        request: {
          body: null,
          headers: { Host: 'x.org' },
          method: 'GET',
          url: 'http://x.org',
          tor: { is_tor: true, exit_ip: null, exit_name: null },
        },
        response: { body: 'tor body', headers: { 'Content-Length': '8' }, code: 200 },
        response_length: '8',
      },
    ]);
  });

  it('should normalize legacy DNS answers', () => {
    const yaml = [
      '---',
      'probe_asn: AS1',
      'probe_cc: BE',
      'report_id: rid',
      'start_time: 1513805435.0',
      'test_name: dns_consistency',
      '...',
      '---',
      'input: example.org',
      'queries:',
      '- addrs: [1.2.3.4]',
      '  answers:',
      "  - ['<RR name=example.org type=A class=IN ttl=300s auth=False>', '<A address=1.2.3.4 ttl=300>']",
      "  - ['<RR name=example.org type=CNAME class=IN ttl=60s auth=False>', '<CNAME name=www.example.org ttl=60>']",
      '  query: "[Query(\'example.org\', 1, 1)]"',
      '  query_type: A',
      '  resolver: [8.8.8.8, 53]',
      '- answers: []',
      '  query: "[Query(\'empty.org\', 1, 1)]"',
      '  query_type: A',
      '  resolver: null',
      'tampering: {8.8.8.8: false}',
      '...',
      '',
    ].join('\n');
    const msm = normalizeYamlReport(yaml, '2017-12-21', '2017-12-21/r.yaml').measurements[0];
    expect(msm.test_keys.queries).toEqual([
      {
        query_type: 'A',
        hostname: 'example.org',
        resolver_hostname: '8.8.8.8',
        resolver_port: 53,
        answers: [
          { ttl: '300', answer_type: 'A', ipv4: '1.2.3.4' },
          { ttl: '60', answer_type: 'CNAME', hostname: 'www.example.org' },
        ],
        failure: null,
      },
      {
        query_type: 'A',
        hostname: 'empty.org',
        resolver_hostname: null,
        resolver_port: null,
        answers: [],
        failure: 'no_answer',
      },
    ]);
    // legacy quirk: with a dict of resolvers, e[0] is the first character of each resolver
    expect(msm.test_keys).toMatchObject({
      errors: { '8.8.8.8': false },
      successful: [],
      failed: ['8'],
      inconsistent: [],
    });
  });

  it('should skip null and unparsable entries and unsupported tests', () => {
    const yaml =
      '---\nreport_id: r\ntest_name: tcp_connect\nstart_time: 0\n...\n---\nnull\n...\n---\ninput: [unclosed\n...\n---\ninput: x\n...\n';
    const { measurements, skipped } = normalizeYamlReport(yaml, '2016-01-01', '2016-01-01/r.yaml');
    expect(measurements).toEqual([]);
    expect(skipped).toHaveLength(2);
  });

  it('should reject broken framing', () => {
    expect(() => normalizeYamlReport('---\na: 1\n...\ngarbage\n', '2016-01-01', '2016-01-01/r.yaml')).toThrow(
      YamlReportError,
    );
    expect(() => splitYamlBlobs(Buffer.from('---\na: 1\n'))).toThrow('truncated report');
    expect(
      splitYamlBlobs(Buffer.from('# comment\n---\na: 1\n...\n...\n---\nb: 2\n...\n\n')).map((b) => b.raw.toString()),
    ).toEqual(['---\na: 1\n...\n', '---\nb: 2\n...\n']);
  });
});
