import { get, isDict, truthy } from './py-compat';
import { failedScores, initScores, testKeys } from './scores';
import { Dict, Scores } from './types';

const BOOTSTRAP_DONE = ['Bootstrapped 100%: Done', 'Bootstrapped 100% (done): Done'];

/** vanilla_tor: blocking decreases with the bootstrap progress reached (80% -> 0.68). */
export function scoreVanillaTor(msm: Dict): Scores {
  const tk = testKeys(msm);
  const torLogs = truthy(get(tk, 'tor_logs')) ? tk.tor_logs : (get(tk, 'tor_log') ?? null);
  if (torLogs === null) return failedScores();

  const scores = initScores();
  // works around an old ooniprobe bug: trust the logs over tor_progress
  if (BOOTSTRAP_DONE.some((line) => contains(torLogs, line))) return scores;

  const progress = Math.min(100, Math.max(0, pyFloat(get(tk, 'tor_progress') ?? 0)));
  if (progress === 100) return scores;
  scores.blocking_general = 1.0 - progress * 0.004;
  return scores;
}

/** Python's `needle in haystack` for a log that is either a string or a list of lines. */
function contains(haystack: unknown, needle: string): boolean {
  if (typeof haystack === 'string') return haystack.includes(needle);
  if (Array.isArray(haystack)) return haystack.includes(needle);
  if (isDict(haystack)) return Object.hasOwn(haystack, needle);
  return false;
}

/** float(v), with 0 where Python would raise; NaN is clamped to 0 like Python's max(0, nan). */
function pyFloat(v: unknown): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'boolean') n = Number(v);
  else if (
    typeof v === 'string' &&
    v.trim() !== '' &&
    /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)\s*$/i.test(v)
  ) {
    const t = v.trim().toLowerCase().replace(/^\+/, '');
    n = t.endsWith('inf') || t.endsWith('infinity') ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  } else n = 0;
  return Number.isNaN(n) ? 0 : n;
}
