import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { badRequest } from '../../common/errors/api-error';
import { GeoInfo } from '../../common/geoip/geoip.service';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { splitCommaList } from '../../common/validation/comma-list';
import { PrioService } from '../prio/prio.service';
import { TestListEntry } from '../prio/prio.types';
import { probeTime } from './probe-token.service';
import { coerceProbeAsn, generateReportIds } from './report-id';
import { TestHelpersConf, TestHelpersService } from './test-helpers.service';

// Tests that get a report id at check-in (legacy list plus newer ones).
const CHECK_IN_TESTS = [
  'bridge_reachability', 'dash', 'dns_consistency', 'dnscheck', 'facebook_messenger',
  'http_header_field_manipulation', 'http_host', 'http_invalid_request_line', 'http_requests',
  'meek_fronted_requests_test', 'multi_protocol_traceroute', 'ndt', 'psiphon', 'riseupvpn', 'signal',
  'stunreachability', 'tcp_connect', 'telegram', 'tor', 'torsf', 'urlgetter', 'vanilla_tor', 'web_connectivity',
  'whatsapp',
] as const; // prettier-ignore

// Probes run vanilla_tor only when its flag is true, and torsf/openvpn unless theirs is false.
const FEATURES = { torsf_enabled: false, vanilla_tor_enabled: true, openvpn_enabled: false } as const;

const MAX_CATEGORY_CODES = 100;

export interface CheckInRequest {
  probe_cc?: unknown;
  probe_asn?: unknown;
  run_type?: unknown;
  charging?: unknown;
  web_connectivity?: unknown;
}

export interface CheckInResponse {
  v: 1;
  probe_cc: string;
  probe_asn: string;
  probe_network_name: string | null;
  utc_time: string;
  conf: { features: typeof FEATURES; test_helpers: Readonly<TestHelpersConf> };
  tests: Record<string, { report_id: string; urls?: TestListEntry[] }>;
}

/** URL budget: the whole list on manual runs, fewer on timed runs, fewest on battery. */
export function urlLimit(runType: unknown, charging: unknown): number {
  if (runType === 'manual') return 9999;
  return charging === false ? 20 : 100;
}

/** Category codes from `web_connectivity.category_codes` (array or comma separated); letters only. */
export function categoryCodes(webConnectivity: unknown): string[] {
  if (typeof webConnectivity !== 'object' || webConnectivity === null) return [];
  const raw = (webConnectivity as { category_codes?: unknown }).category_codes;
  if (raw === undefined || raw === null) return [];
  const list = typeof raw === 'string' ? splitCommaList(raw, { trim: false, unique: false }) : raw;
  if (!Array.isArray(list)) throw badRequest('category_codes must be a list of category codes');
  if (list.length > MAX_CATEGORY_CODES) throw badRequest('Too many category codes');
  const codes = list.filter((c) => c !== '');
  for (const code of codes) {
    if (typeof code !== 'string' || !/^[A-Za-z]{1,20}$/.test(code)) throw badRequest('Invalid category code');
  }
  return (codes as string[]).map((c) => c.toUpperCase());
}

@Injectable()
export class CheckInService {
  private readonly logger = new Logger('CheckIn');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly prio: PrioService,
    private readonly helpers: TestHelpersService,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  async checkIn(body: CheckInRequest, geo: GeoInfo, clientIp: string, now = new Date()): Promise<CheckInResponse> {
    const claimedCc = typeof body.probe_cc === 'string' ? body.probe_cc.toUpperCase() : 'ZZ';
    const claimedAsn = typeof body.probe_asn === 'string' ? body.probe_asn.toUpperCase() : 'AS0';
    const codes = categoryCodes(body.web_connectivity);
    if (claimedCc !== 'ZZ' && claimedCc !== geo.probe_cc) this.metrics.increment('geoip_cc_differs');
    if (claimedAsn !== 'AS0' && claimedAsn !== geo.probe_asn) this.metrics.increment('geoip_asn_differs');

    // Report ids and the test list follow what the probe says (it may be behind a
    // circumvention tool); GeoIP only fills in what the probe does not know.
    let cc = /^[A-Z]{2}$/.test(claimedCc) ? claimedCc : 'ZZ';
    let asn = coerceProbeAsn(claimedAsn);
    if (cc === 'ZZ' && asn === 0) {
      cc = geo.probe_cc;
      asn = geo.asn;
    }

    let urls: TestListEntry[] = [];
    try {
      urls = await this.prio.generateTestList({
        probeCc: cc,
        probeAsn: asn,
        categoryCodes: codes,
        limit: urlLimit(body.run_type, body.charging),
      });
    } catch (err) {
      this.logger.error(`test list generation failed: ${(err as Error).message}`);
    }
    this.metrics.gauge('check-in-test-list-count', urls.length);

    const collector = this.config.probe_services.collector_id;
    const tests: CheckInResponse['tests'] = {};
    const reportIds = generateReportIds(CHECK_IN_TESTS, cc, asn, collector, now);
    CHECK_IN_TESTS.forEach((name, i) => (tests[name] = { report_id: reportIds[i] }));
    tests.web_connectivity.urls = urls;

    return {
      v: 1,
      probe_cc: geo.probe_cc,
      probe_asn: geo.probe_asn,
      probe_network_name: geo.network_name || null,
      utc_time: probeTime(now),
      conf: { features: { ...FEATURES }, test_helpers: this.helpers.forClient(clientIp) },
      tests,
    };
  }
}
