import { get, gOr, has, isDict } from './py-compat';
import { extractTcpConnect, failedScores, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

const WEB_URLS = ['https://web.telegram.org/', 'http://web.telegram.org/'];

/** Telegram: share of unreachable DCs + share of failed HTTP requests + 1 if the web app is blocked. */
export function scoreTelegram(msm: Dict): Scores {
  const tk = testKeys(msm);
  const webStatus = get(tk, 'telegram_web_status');
  const webBlocking = webStatus === 'blocked';
  const { accessible, unreachable } = extractTcpConnect(tk);

  let httpSuccess = 0;
  let httpFailure = 0;
  let webFailure: unknown = null;
  const requests = gOr(tk, 'requests', []);
  for (const request of Array.isArray(requests) ? requests : []) {
    const req = get(request, 'request');
    if (!isDict(request) || !isDict(req) || !has(req, 'url')) {
      // probe bug: a request without URL
      return failedScores();
    }
    const failure = get(request, 'failure') ?? null;
    if (typeof req.url === 'string' && WEB_URLS.includes(req.url)) {
      // the web app request is reported separately, not counted
      if (failure !== null) webFailure = failure;
      continue;
    }
    if (failure === null) httpSuccess++;
    else httpFailure++;
  }

  let s = accessible + unreachable > 0 ? unreachable / (accessible + unreachable) : 0.5;
  s += httpFailure + httpSuccess > 0 ? httpFailure / (httpFailure + httpSuccess) : 0.5;
  if (webBlocking) s += 1;

  const scores = initScores();
  scores.blocking_general = s;
  scores.web_failure = webFailure;
  scores.accessible_endpoints = accessible;
  scores.unreachable_endpoints = unreachable;
  scores.http_success_cnt = httpSuccess;
  scores.http_failure_cnt = httpFailure;
  if (webFailure !== null) {
    scores.msg = `failure: ${typeof webFailure === 'string' ? webFailure : JSON.stringify(webFailure)}`;
  }
  return scores;
}
