import {
  coerceProbeAsn,
  coerceProbeCc,
  generateReportId,
  generateReportIds,
  parseReportId,
  reportTestName,
} from '../../../src/modules/probe-services/report-id';

describe('generateReportId', () => {
  it('should produce the legacy six-part format with the test name squashed', () => {
    const id = generateReportId('stun_reachability', 'IT', 3269, '1', new Date('2024-03-05T06:07:08.999Z'));
    expect(id).toMatch(/^20240305T060708Z_stunreachability_IT_3269_n1_[A-Za-z0-9]{16}$/);
    expect(id.split('_')).toHaveLength(6);
  });

  it('should give different ids to reports opened in the same second', () => {
    const now = new Date();
    const ids = new Set(Array.from({ length: 1000 }, () => generateReportId('web_connectivity', 'IT', 1, '1', now)));
    expect(ids.size).toBe(1000);
  });

  it('should be parsed back by parseReportId', () => {
    const id = generateReportId('web_connectivity', 'BR', 28573, '1');
    expect(parseReportId(id)).toEqual({ testName: 'webconnectivity', cc: 'BR', asn: 28573 });
  });
});

describe('generateReportIds', () => {
  it('should give every test its own id with one shared timestamp and network', () => {
    const names = ['web_connectivity', 'dnscheck', 'stun_reachability'];
    const ids = generateReportIds(names, 'DE', 3320, '7', new Date('2024-03-05T06:07:08.123Z'));
    expect(ids.map((id) => id.split('_').slice(0, 5).join('_'))).toEqual([
      '20240305T060708Z_webconnectivity_DE_3320_n7',
      '20240305T060708Z_dnscheck_DE_3320_n7',
      '20240305T060708Z_stunreachability_DE_3320_n7',
    ]);
    expect(new Set(ids.map((id) => id.split('_')[5])).size).toBe(3);
    expect(ids.every((id) => /_[A-Za-z0-9]{16}$/.test(id))).toBe(true);
  });

  it('should stamp each call with its own second, whatever the order of the calls', () => {
    const at = (iso: string): string => generateReportIds(['ndt'], 'IT', 1, '1', new Date(iso))[0].split('_')[0];
    expect(at('2024-03-05T06:07:08.999Z')).toBe('20240305T060708Z');
    expect(at('2024-03-05T06:07:09.000Z')).toBe('20240305T060709Z');
    expect(at('2024-03-05T06:07:08.500Z')).toBe('20240305T060708Z');
    expect(at('2031-12-31T23:59:59.000Z')).toBe('20311231T235959Z');
  });

  it('should draw every one of the 62 symbols about equally often', () => {
    const names = Array.from({ length: 200 }, () => 'ndt');
    const counts = new Map<string, number>();
    for (let round = 0; round < 200; round++) {
      for (const id of generateReportIds(names, 'IT', 1, '1')) {
        for (const ch of id.split('_')[5]) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      }
    }
    // 640,000 characters: about 10,320 each (σ ≈ 100); a modulo bias would push 8 symbols 25% higher.
    expect(counts.size).toBe(62);
    expect(Math.max(...counts.values()) / Math.min(...counts.values())).toBeLessThan(1.12);
  });
});

describe('parseReportId', () => {
  it.each([
    ['20210208T162755Z_ndt_DZ_36947_n1_8swgXi7xNuRUyO9a', { testName: 'ndt', cc: 'DZ', asn: 36947 }],
    ['20210208T162755Z_webconnectivity_IT_0_n1_x', { testName: 'webconnectivity', cc: 'IT', asn: 0 }],
  ])('should accept %s', (id, expected) => {
    expect(parseReportId(id)).toEqual(expected);
  });

  it.each([
    'not-a-report-id',
    '20210208T162755Z_ndt_DZ_36947_n1',
    '20210208T162755Z_ndt_DZ_36947_n1_x_extra',
    '20210208T162755Z_ndt_DZA_36947_n1_x',
    '20210208T162755Z_n_DZ_36947_n1_x',
    '20210208T162755Z_web-connectivity_DZ_36947_n1_x',
    '20210208T162755Z_ndt_DZ_AS36947_n1_x',
    '20210208T162755Z_ndt_D/_1_n1_x',
    `20210208T162755Z_${'a'.repeat(30)}_DZ_1_n1_x`,
    '',
  ])('should reject %s', (id) => {
    expect(parseReportId(id)).toBeNull();
  });
});

describe('coerceProbeCc / coerceProbeAsn', () => {
  it('should keep valid values and coerce the rest like legacy', () => {
    expect(coerceProbeCc('it')).toBe('IT');
    expect(coerceProbeCc('ITA')).toBe('ZZ');
    expect(coerceProbeCc(42)).toBe('ZZ');
    expect(coerceProbeAsn('AS3269')).toBe(3269);
    expect(coerceProbeAsn('as3269')).toBe(3269);
    expect(coerceProbeAsn('3269')).toBe(0);
    expect(coerceProbeAsn('ASxyz')).toBe(0);
    expect(coerceProbeAsn(null)).toBe(0);
  });
});

describe('reportTestName', () => {
  it.each([
    ['web_connectivity', 'webconnectivity'],
    ['NDT', 'ndt'],
    ['stun_reachability', 'stunreachability'],
  ])('should map %s to %s, and the id made with it parses back', (name, expected) => {
    expect(reportTestName(name)).toBe(expected);
    const id = generateReportId(reportTestName(name)!, 'IT', 3269, '1');
    expect(parseReportId(id)).toEqual({ testName: expected, cc: 'IT', asn: 3269 });
  });

  it.each(["web'connectivity", 'web connectivity', 'a/b', 'x', 'a'.repeat(30), '', 'ndt\n', 42, null, undefined])(
    'should refuse %p: an id made with it would be refused at submission',
    (name) => {
      expect(reportTestName(name)).toBeNull();
      if (typeof name === 'string') {
        const id = generateReportId(name.toLowerCase().replace(/_/g, ''), 'IT', 1, '1');
        expect(parseReportId(id)).toBeNull();
      }
    },
  );
});
