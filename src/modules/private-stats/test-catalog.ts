/** Test names and descriptions Explorer shows (legacy `/api/_/test_names`). */
export const TEST_NAMES: Readonly<Record<string, string>> = {
  bridge_reachability: 'Bridge Reachability',
  dash: 'DASH',
  dns_consistency: 'DNS Consistency',
  dnscheck: 'DNS Check',
  facebook_messenger: 'Facebook Messenger',
  http_header_field_manipulation: 'HTTP Header Field Manipulation',
  http_host: 'HTTP Host',
  http_invalid_request_line: 'HTTP Invalid Request Line',
  http_requests: 'HTTP Requests',
  meek_fronted_requests_test: 'Meek Fronted Requests',
  multi_protocol_traceroute: 'Multi Protocol Traceroute',
  ndt: 'NDT',
  psiphon: 'Psiphon',
  riseupvpn: 'RiseupVPN',
  signal: 'Signal',
  stunreachability: 'STUN Reachability',
  tcp_connect: 'TCP Connect',
  telegram: 'Telegram',
  tor: 'Tor',
  torsf: 'Tor Snowflake',
  urlgetter: 'URL Getter',
  vanilla_tor: 'Vanilla Tor',
  web_connectivity: 'Web Connectivity',
  whatsapp: 'WhatsApp',
};

/** Test groups of the legacy API (`models.TEST_GROUPS`), used to filter network coverage. */
export const TEST_GROUPS: Readonly<Record<string, readonly string[]>> = {
  websites: ['web_connectivity'],
  im: ['facebook_messenger', 'signal', 'telegram', 'whatsapp'],
  middlebox: ['http_invalid_request_line', 'http_header_field_manipulation'],
  performance: ['ndt', 'dash'],
  circumvention: [
    'bridge_reachability',
    'meek_fronted_requests_test',
    'vanilla_tor',
    'tcp_connect',
    'psiphon',
    'tor',
    'torsf',
    'riseupvpn',
  ],
  legacy: ['http_requests', 'dns_consistency', 'http_host', 'multi_protocol_traceroute'],
  experimental: ['urlgetter', 'dnscheck', 'stunreachability'],
};

export const IM_TEST_NAMES: readonly string[] = [...TEST_GROUPS.im].sort();

/** Circumvention tools whose use the circumvention statistics count. */
export const CIRCUMVENTION_TEST_NAMES: readonly string[] = ['psiphon', 'riseupvpn', 'stunreachability', 'tor', 'torsf'];

/** Test names of the given groups, sorted; unknown groups add nothing (legacy). */
export function testNamesOfGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.flatMap((g) => TEST_GROUPS[g] ?? []))].sort();
}
