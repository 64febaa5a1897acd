import { get, gOr, isDict, truthy } from './py-compat';
import { markPyInt } from './py-json';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** meek_fronted_requests_test: each response must be a 200 served by the front ("ECAcc " server). */
export function scoreMeekFrontedRequests(msm: Dict): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  const requests = get(tk, 'requests');
  if (!truthy(requests) || !Array.isArray(requests)) {
    // no requests: usually "success" is missing too
    scores.blocking_general = 1.0;
    scores.accuracy = 0;
    markPyInt(scores, 'accuracy');
    return scores;
  }

  let blocking = 0.0;
  for (const r of requests) {
    const resp = isDict(r) && Object.hasOwn(r, 'response') ? r.response : {};
    if (resp === null || !isDict(resp)) {
      scores.blocking_general = 1.0;
      return scores;
    }
    const code = Object.hasOwn(resp, 'code') ? resp.code : 0;
    if (code !== 200) {
      // a single failed response is enough
      scores.blocking_general = 1.0;
      return scores;
    }
    const server = gOr(serverHeaders(Object.hasOwn(resp, 'headers') ? resp.headers : {}), 'Server', '');
    if (typeof server !== 'string' || !server.startsWith('ECAcc ')) blocking += 0.5;
    scores.blocking_general = blocking;
  }
  return scores;
}

/** Headers are either a dict or, in legacy probes, a list of [name, [value, ...]]. */
function serverHeaders(headers: unknown): Dict {
  if (!Array.isArray(headers)) return isDict(headers) ? headers : {};
  const out: Dict = {};
  for (const item of headers) {
    if (!truthy(item) || !Array.isArray(item)) continue;
    const values: unknown = item[1];
    // legacy quirk: [0] of a string value is its first character
    if (typeof item[0] === 'string' && (Array.isArray(values) || typeof values === 'string')) out[item[0]] = values[0];
  }
  return out;
}
