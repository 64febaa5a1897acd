import { get, has, isDict } from './py-compat';
import { failedScores, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/**
 * http_header_field_manipulation: the test helper echoes back, as JSON in the response body, the
 * headers it received; any difference with the headers sent means a middlebox rewrote them.
 */
export function scoreHttpHeaderFieldManipulation(msm: Dict): Scores {
  const tk = testKeys(msm);
  const requests = get(tk, 'requests');
  const first: unknown = Array.isArray(requests) ? requests[0] : undefined;
  if (!isDict(first)) return failedScores();
  const resp = has(first, 'response') ? first.response : {};
  if (resp === null || !isDict(resp)) return failedScores();

  const scores = initScores();
  const body = get(resp, 'body') ?? null;
  if (body === null) {
    scores.total_tampering = true;
    scores.blocking_general = 1.0;
    scores.msg = 'Empty body';
    return scores;
  }

  const received = receivedHeaders(body);
  if (!received) {
    scores.blocking_general = 1.0;
    scores.msg = 'Malformed ctrl_headers';
    return scores;
  }
  const sentHeaders = get(get(first, 'request'), 'headers');
  const sent = new Set<string>();
  if (isDict(sentHeaders)) {
    for (const [k, v] of Object.entries(sentHeaders)) sent.add(headerKey(k, v));
  }

  // The "Connection: close" header is not always handled correctly
  const connectionClose = headerKey('Connection', 'close');
  received.delete(connectionClose);
  sent.delete(connectionClose);

  let diff = 0;
  for (const h of sent) if (!received.has(h)) diff++;
  for (const h of received) if (!sent.has(h)) diff++;
  if (diff === 0) return scores;

  scores.blocking_general = 1.1;
  scores.msg = `${diff} unexpected header change`;
  return scores;
}

/** The (name, first value) pairs of the echoed `headers_dict`, or undefined when malformed. */
function receivedHeaders(body: unknown): Set<string> | undefined {
  if (typeof body !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const headersDict = get(parsed, 'headers_dict');
  if (!isDict(headersDict)) return undefined;
  const out = new Set<string>();
  for (const [k, v] of Object.entries(headersDict)) {
    // legacy quirk: v[0] of a string is its first character
    const first: unknown = Array.isArray(v) || typeof v === 'string' ? v[0] : undefined;
    if (first === undefined) return undefined;
    out.add(headerKey(k, first));
  }
  return out;
}

/** A set key with Python tuple equality semantics for (name, value). */
function headerKey(name: string, value: unknown): string {
  let v: string;
  if (typeof value === 'boolean') v = 'n:' + Number(value);
  else if (typeof value === 'number') v = 'n:' + value;
  else if (typeof value === 'string') v = 's:' + value;
  else v = 'j:' + JSON.stringify(value);
  return name + '\u0000' + v;
}
