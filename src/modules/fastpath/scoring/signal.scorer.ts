import { compareVersions } from './pep440';
import { get, gOr, isDict, parsePyDateTime, truthy } from './py-compat';
import { initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

/** Probe bug windows: [condition on versions, measurements started on/after this day are unreliable]. */
const SIGNAL_V023_BROKEN_FROM = Date.UTC(2023, 10, 7); // probe issue 2627
const SIGNAL_V022_BROKEN_FROM = Date.UTC(2022, 9, 19);
const ENGINE_BROKEN_FROM = Date.UTC(2023, 4, 2); // backend issue 679

/** signal: the probe's backend status, unless the measurement comes from a known broken version. */
export function scoreSignal(msm: Dict): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  if (truthy(gOrMissing(tk, 'failed_operation')) || truthy(gOrMissing(tk, 'failure'))) scores.accuracy = 0.0;

  if (isKnownBroken(msm)) {
    scores.accuracy = 0.0;
    return scores;
  }

  const status = get(tk, 'signal_backend_status');
  if (status === 'ok') {
    // accessible
  } else if (status === 'blocked') {
    scores.blocking_general = 1.0;
    scores.analysis = { signal_backend_failure: get(tk, 'signal_backend_failure') ?? null };
  } else {
    scores.accuracy = 0.0;
  }
  return scores;
}

/** `tk.get(key, True)`: a missing key counts as a failure. */
function gOrMissing(tk: Dict, key: string): unknown {
  return Object.hasOwn(tk, key) ? tk[key] : true;
}

/** True for measurements the original discards as failed; any parsing problem counts as broken. */
function isKnownBroken(msm: Dict): boolean {
  try {
    const tv = gOr(msm, 'test_version', '0.0.0');
    const start = parsePyDateTime(get(msm, 'measurement_start_time'));
    if (start === undefined || typeof tv !== 'string') return true;
    // the breakage affects only v0.2.4 of the test (probe issue 2636)
    if (tv === '0.2.4') return true;
    if (compareVersions(tv, '0.2.3') <= 0 && start >= SIGNAL_V023_BROKEN_FROM) return true;
    if (compareVersions(tv, '0.2.2') < 0 && start >= SIGNAL_V022_BROKEN_FROM) return true;
    const annotations = gOr(msm, 'annotations', {});
    if (!isDict(annotations)) return true;
    const ev = gOr(annotations, 'engine_version', '0.0.0');
    if (typeof ev !== 'string') return true;
    return compareVersions(ev, '3.17.2') < 0 && start >= ENGINE_BROKEN_FROM;
  } catch {
    return true;
  }
}
