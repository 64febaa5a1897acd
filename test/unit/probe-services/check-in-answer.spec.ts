import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestListEntry } from '../../../src/modules/prio/prio.types';
import { CheckInAnswerWriter } from '../../../src/modules/probe-services/check-in-answer';
import { CheckInResponse } from '../../../src/modules/probe-services/check-in.service';
import { generateReportIds } from '../../../src/modules/probe-services/report-id';

const FIXTURE_URLS = (
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'data', 'citizenlab.json'), 'utf8'),
  ) as Array<{ category_code: string; url: string }>
).map((e, i): TestListEntry => ({ category_code: e.category_code, country_code: i % 3 ? 'XX' : 'US', url: e.url }));

function answer(urls: TestListEntry[], networkName: string | null = 'Comcast "Cable"'): CheckInResponse {
  const names = ['dnscheck', 'web_connectivity', 'whatsapp'];
  const ids = generateReportIds(names, 'US', 7922, '1', new Date());
  const tests: CheckInResponse['tests'] = {};
  names.forEach((name, i) => (tests[name] = { report_id: ids[i] }));
  tests.web_connectivity.urls = urls;
  return {
    v: 1,
    probe_cc: 'US',
    probe_asn: 'AS7922',
    probe_network_name: networkName,
    utc_time: '2026-12-02T09:00:00Z',
    conf: {
      features: { torsf_enabled: false, vanilla_tor_enabled: true, openvpn_enabled: false },
      test_helpers: { dns: [{ address: '37.218.241.93:57004', type: 'legacy' }] },
    },
    tests,
  };
}

describe('CheckInAnswerWriter', () => {
  it('should write exactly what JSON.stringify writes, on the first and on cached answers', () => {
    const writer = new CheckInAnswerWriter();
    const urls = FIXTURE_URLS.slice(0, 100);
    const first = answer(urls);
    expect(writer.write(first)).toBe(JSON.stringify(first));
    const reordered = [...urls].reverse().map((e) => ({ ...e }));
    const second = answer(reordered, null);
    expect(writer.write(second)).toBe(JSON.stringify(second));
  });

  it('should not serve a cached URL whose category or country changed', () => {
    const writer = new CheckInAnswerWriter();
    const urls = FIXTURE_URLS.slice(0, 10);
    writer.write(answer(urls));
    const moved = urls.map((e) => ({ ...e, category_code: 'HUMR', country_code: 'IT' }));
    const out = JSON.parse(writer.write(answer(moved))) as { tests: { web_connectivity: { urls: TestListEntry[] } } };
    expect(out.tests.web_connectivity.urls).toEqual(moved);
  });

  it('should escape URLs as JSON.stringify does', () => {
    const writer = new CheckInAnswerWriter();
    const odd = FIXTURE_URLS.slice(0, 3).map((e, i) => ({ ...e, url: `${e.url}?q="${'\\'.repeat(i)}\u2028é\n` }));
    const a = answer(odd);
    expect(writer.write(a)).toBe(JSON.stringify(a));
  });

  it('should write the test helpers of each answer, cached or not', () => {
    const writer = new CheckInAnswerWriter();
    const a = answer(FIXTURE_URLS.slice(0, 2));
    expect(writer.write(a)).toBe(JSON.stringify(a));
    const b = answer(FIXTURE_URLS.slice(0, 2));
    b.conf.test_helpers = { 'web-connectivity': [{ address: 'https://0.th.ooni.org', type: 'https' }] };
    expect(writer.write(b)).toBe(JSON.stringify(b));
    expect(writer.write(a)).toBe(JSON.stringify(a));
  });

  it('should write an empty URL list and tests without URLs', () => {
    const a = answer([]);
    expect(new CheckInAnswerWriter().write(a)).toBe(JSON.stringify(a));
  });
});
