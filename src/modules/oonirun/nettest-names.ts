/**
 * Test names a link may ask probes to run: the experiments of the OONI Probe engine
 * (ooni/probe-cli `internal/registry`), the legacy names still in use and the names of the
 * bk-005 examples (`stun_reachability`, `tor_snowflake`).
 */
export const KNOWN_NETTESTS: readonly string[] = [
  'browser_web', 'dash', 'dns_check', 'dnscheck', 'dnsping', 'echcheck', 'facebook_messenger',
  'http_header_field_manipulation', 'http_host_header', 'http_invalid_request_line', 'ndt', 'openvpn',
  'portfiltering', 'psiphon', 'quicping', 'riseupvpn', 'signal', 'simplequicping', 'sni_blocking',
  'stun_reachability', 'stunreachability', 'tcpping', 'telegram', 'tlsmiddlebox', 'tlsping', 'tlstool', 'tor',
  'tor_snowflake', 'torsf', 'urlgetter', 'vanilla_tor', 'web_connectivity', 'whatsapp',
  // Legacy (ooniprobe 2.x) tests, in old v1 descriptors.
  'dns_consistency', 'http_requests', 'tcp_connect', 'meek_fronted_requests_test', 'bridge_reachability',
  'http_host', 'multi_protocol_traceroute', 'lantern', 'dns_injection',
]; // prettier-ignore

/** Dynamic target lists the backend computes at engine-descriptor time. */
export const WEBSITES_LIST_PRIORITIZED = 'websites_list_prioritized';
export const KNOWN_TARGETS_NAMES: readonly string[] = [WEBSITES_LIST_PRIORITIZED];

/** Network types a probe may report (the service's list). */
export const NETWORK_TYPES: readonly string[] = [
  'vpn', 'wifi', 'mobile', 'wired_ethernet', 'no_internet', 'bluetooth', 'usb', 'unknown',
]; // prettier-ignore
