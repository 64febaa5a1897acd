import { scoreBrowserWeb } from './browser-web.scorer';
import { scoreDash } from './dash.scorer';
import { scoreDnsConsistency } from './dns-consistency.scorer';
import { scoreFacebookMessenger } from './facebook-messenger.scorer';
import { scoreUnsupported } from './generic.scorer';
import { scoreHttpHeaderFieldManipulation } from './http-header-field-manipulation.scorer';
import { scoreHttpInvalidRequestLine } from './http-invalid-request-line.scorer';
import { scoreHttpRequests } from './http-requests.scorer';
import { scoreMeekFrontedRequests } from './meek-fronted-requests.scorer';
import { scoreNdt } from './ndt.scorer';
import { scoreOpenvpn } from './openvpn.scorer';
import { scorePsiphon } from './psiphon.scorer';
import { scoreRiseupvpn } from './riseupvpn.scorer';
import { Scorer } from './scorer';
import { scoreSignal } from './signal.scorer';
import { scoreStunreachability } from './stunreachability.scorer';
import { scoreTcpConnect } from './tcp-connect.scorer';
import { scoreTelegram } from './telegram.scorer';
import { scoreTor } from './tor.scorer';
import { scoreTorsf } from './torsf.scorer';
import { scoreVanillaTor } from './vanilla-tor.scorer';
import { scoreWebConnectivity } from './web-connectivity.scorer';
import { scoreWhatsapp } from './whatsapp.scorer';

/**
 * Scorer per test_name. Tests not listed here (dnscheck, urlgetter, http_host, bridge_reachability,
 * dns_n_http, ...) have no scorer in the original either and get the generic failed scores.
 */
const SCORERS: ReadonlyMap<string, Scorer> = new Map<string, Scorer>([
  ['telegram', scoreTelegram],
  ['facebook_messenger', scoreFacebookMessenger],
  ['http_header_field_manipulation', scoreHttpHeaderFieldManipulation],
  ['http_invalid_request_line', scoreHttpInvalidRequestLine],
  ['whatsapp', scoreWhatsapp],
  ['vanilla_tor', scoreVanillaTor],
  ['web_connectivity', scoreWebConnectivity],
  ['ndt', scoreNdt],
  ['tcp_connect', scoreTcpConnect],
  ['dash', scoreDash],
  ['meek_fronted_requests_test', scoreMeekFrontedRequests],
  ['psiphon', scorePsiphon],
  ['tor', scoreTor],
  ['http_requests', scoreHttpRequests],
  ['dns_consistency', scoreDnsConsistency],
  ['signal', scoreSignal],
  ['stunreachability', scoreStunreachability],
  ['torsf', scoreTorsf],
  ['riseupvpn', scoreRiseupvpn],
  ['openvpn', scoreOpenvpn],
  ['browser_web', scoreBrowserWeb],
]);

export function scorerFor(testName: unknown): Scorer {
  return (typeof testName === 'string' && SCORERS.get(testName)) || scoreUnsupported;
}

export const SCORED_TEST_NAMES: readonly string[] = [...SCORERS.keys()];
