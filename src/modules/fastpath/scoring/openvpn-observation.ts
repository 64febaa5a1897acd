import { numberOr, strOr } from './metadata';
import { get, gOr, gPath, truthy } from './py-compat';
import { testKeys } from './scores';
import { Bit, Dict, OpenvpnObservation } from './types';

const bit = (v: boolean): Bit => (v ? 1 : 0);

/** The obs_openvpn row the original writes next to the fastpath row of each openvpn measurement. */
export function buildOpenvpnObservation(
  msm: Dict,
  measurementUid: string,
  meta: { probeAsn: number; measurementStartTime: string; testStartTime: string },
): OpenvpnObservation {
  const tk = testKeys(msm);
  return {
    // legacy quirk: read from the measurement root, where "success" never is, so always 0
    anomaly: bit(get(msm, 'success') === true),
    bootstrap_time: numberOr(tk, 'bootstrap_time', 0),
    confirmed: 0,
    error: strOr(tk, 'error', ''),
    failure: strOr(tk, 'failure', ''),
    input: strOr(msm, 'input', ''),
    last_handshake_transaction_id: lastTransactionId(get(tk, 'network_events')),
    measurement_start_time: meta.measurementStartTime,
    measurement_uid: measurementUid,
    minivpn_version: strOr(tk, 'minivpn_version', ''),
    obfs4_version: strOr(tk, 'obfs4_version', ''),
    obfuscation: strOr(tk, 'obfuscation', ''),
    // legacy quirk: the root "platform" key, not annotations.platform
    platform: strOr(msm, 'platform', ''),
    probe_asn: meta.probeAsn,
    probe_cc: strOr(msm, 'probe_cc', ''),
    probe_network_name: strOr(msm, 'probe_network_name', ''),
    provider: strOr(tk, 'provider', ''),
    remote: strOr(tk, 'remote', ''),
    report_id: strOr(msm, 'report_id', ''),
    resolver_asn: resolverAsn(get(msm, 'resolver_asn')),
    resolver_ip: strOr(msm, 'resolver_ip', ''),
    resolver_network_name: strOr(msm, 'resolver_network_name', ''),
    software_name: strOr(msm, 'software_name', ''),
    software_version: strOr(msm, 'software_version', ''),
    success: bit(truthy(gOr(tk, 'success', ''))),
    success_handshake: bit(truthy(get(tk, 'success_handshake'))),
    success_icmp: bit(truthy(get(tk, 'success_icmp'))),
    success_urlgrab: bit(truthy(get(tk, 'success_urlgrab'))),
    tcp_connect_status_success: bit(gPath(tk, ['tcp_connect', 'status', 'success']) === true),
    test_runtime: numberOr(msm, 'test_runtime', 0),
    test_start_time: meta.testStartTime,
    transport: strOr(tk, 'transport', ''),
  };
}

function resolverAsn(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const digits = v.startsWith('AS') ? v.slice(2) : v;
  return /^\s*[+-]?\d+\s*$/.test(digits) ? Number(digits) : 0;
}

function lastTransactionId(events: unknown): number {
  if (!Array.isArray(events) || events.length === 0) return 0;
  let max = -Infinity;
  for (const e of events) {
    const id = get(e, 'transaction_id');
    if (typeof id !== 'number') return 0;
    if (id > max) max = id;
  }
  return max;
}
