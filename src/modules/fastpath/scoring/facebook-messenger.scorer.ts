import { get } from './py-compat';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** Keys whose value false (inconsistent / unreachable) is suspicious. */
const CONSISTENCY_KEYS = [
  'facebook_b_api_dns_consistent',
  'facebook_b_api_reachable',
  'facebook_b_graph_dns_consistent',
  'facebook_b_graph_reachable',
  'facebook_edge_dns_consistent',
  'facebook_edge_reachable',
  'facebook_external_cdn_dns_consistent',
  'facebook_external_cdn_reachable',
  'facebook_scontent_cdn_dns_consistent',
  'facebook_scontent_cdn_reachable',
  'facebook_star_dns_consistent',
  'facebook_star_reachable',
  'facebook_stun_dns_consistent',
];
/** Keys whose value true is suspicious. */
const ANOMALY_KEYS = ['facebook_tcp_blocking', 'facebook_dns_blocking'];

/**
 * Probes report facebook_dns_blocking=true while everything else is consistent and reachable:
 * that combination is treated as not blocked.
 */
const FALSE_POSITIVE_TRUES = [
  'facebook_b_api_dns_consistent',
  'facebook_b_api_reachable',
  'facebook_b_graph_dns_consistent',
  'facebook_b_graph_reachable',
  'facebook_dns_blocking',
  'facebook_edge_dns_consistent',
  'facebook_edge_reachable',
  'facebook_star_dns_consistent',
  'facebook_star_reachable',
  'facebook_stun_dns_consistent',
];

export function scoreFacebookMessenger(msm: Dict): Scores {
  const tk = testKeys(msm);
  const scores = initScores();
  let score = 0.0;
  const falsePositive =
    FALSE_POSITIVE_TRUES.every((k) => get(tk, k) === true) && get(tk, 'facebook_tcp_blocking') === false;
  if (!falsePositive) {
    for (const key of CONSISTENCY_KEYS) {
      if (get(tk, key) === false) {
        score += 0.5;
        scores[key] = false;
      }
    }
    for (const key of ANOMALY_KEYS) {
      if (get(tk, key) === true) {
        score += 0.5;
        scores[key] = true;
      }
    }
  }
  scores.blocking_general = score;
  return scores;
}
