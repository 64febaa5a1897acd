import { asDict, get, pyIn, truthy } from './py-compat';
import { detectUnknownFailure, extractTcpConnect, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

const WEB_APP_URL = 'https://web.whatsapp.com/';
const REGISTRATION_URL = 'https://v.whatsapp.net/v2/register';

/**
 * WhatsApp: blocked when the web app or the registration server is unreachable, or when no
 * endpoint accepted a TCP connection. The probe's own status keys are ignored (probe-engine 341).
 */
export function scoreWhatsapp(msm: Dict): Scores {
  const tk = testKeys(msm);
  const scores = initScores();
  if (detectUnknownFailure(tk)) scores.accuracy = 0.0;

  const webFailure = get(tk, 'whatsapp_web_failure');
  if (typeof webFailure === 'string' && webFailure.includes("unknown_failure 'ascii' co")) {
    scores.accuracy = 0.0;
    return scores;
  }

  const requests = get(tk, 'requests');
  if (!truthy(requests) || !Array.isArray(requests)) {
    scores.accuracy = 0.0;
    return scores;
  }

  let webappAccessible: boolean | null = null;
  let registrationAccessible: boolean | null = null;
  for (const b of requests) {
    const entry = asDict(b);
    const url = get(asDict(entry.request), 'url') ?? '';
    if (url === WEB_APP_URL) {
      const failure = Object.hasOwn(entry, 'failure') ? entry.failure : true;
      webappAccessible = pyIn(failure, [null, '', false]);
    } else if (url === REGISTRATION_URL) {
      // on connection failure "response" may be missing: only "failure" is reliable
      registrationAccessible = (get(entry, 'failure') ?? null) === null;
    }
  }

  if (webappAccessible === null || registrationAccessible === null) {
    // probe bug: one of the two requests is missing
    scores.accuracy = 0.0;
    return scores;
  }
  if (!webappAccessible || !registrationAccessible) {
    scores.blocking_general = 1.0;
    return scores;
  }

  const { accessible, unreachable } = extractTcpConnect(tk);
  if (accessible === 0 && unreachable === 0) scores.accuracy = 0.0;
  else if (accessible === 0) scores.blocking_general = 1.0;

  scores.analysis = {
    registration_server_accessible: registrationAccessible,
    whatsapp_web_accessible: webappAccessible,
    whatsapp_endpoints_accessible: accessible > 0,
  };
  return scores;
}
