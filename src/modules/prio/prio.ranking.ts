import { CitizenlabEntry, CountedEntry, DebugTestListEntry, PrioRule, TestListEntry } from './prio.types';
import { groupByWeight, takeTopRandomTies, WeightGroup } from './weight-groups';

/** Source of uniform numbers in [0, 1); injectable so tests can pin the tie-breaking. */
export type RandomSource = () => number;

/** Country code of the global CitizenLab list. */
export const GLOBAL_CC = 'ZZ';

/** Legacy `max(msmt_cnt, 0.1)`: URLs never measured get a weight ten times their priority. */
const MIN_COUNT = 0.1;

/** Upper case, without the NUL padding of `FixedString` columns. */
export function normalizeCc(cc: string): string {
  return cc.replace(/\0+$/, '').trim().toUpperCase();
}

/** What probes see in `country_code`: `XX` for the global list (legacy quirk), else the list's cc. */
export function outputCountryCode(cc: string): string {
  const upper = normalizeCc(cc);
  return upper === GLOBAL_CC ? 'XX' : upper;
}

const isWildcard = (value: string): boolean => value === '' || value === '*';

/**
 * Legacy `match_prio_rule`: every rule field is a wildcard or equal to the entry's. A global
 * entry ignores the rule's cc: rules are first narrowed to the probe's country (`rulesForCountry`).
 */
export function matchPrioRule(entry: Omit<CitizenlabEntry, 'cc'> & { cc: string }, rule: PrioRule): boolean {
  if (!isWildcard(rule.category_code) && rule.category_code !== entry.category_code) return false;
  if (!isWildcard(rule.domain) && rule.domain !== entry.domain) return false;
  if (!isWildcard(rule.url) && rule.url !== entry.url) return false;
  const entryCc = normalizeCc(entry.cc);
  if (entryCc !== GLOBAL_CC && !isWildcard(rule.cc) && normalizeCc(rule.cc) !== entryCc) return false;
  return true;
}

/** Legacy `fetch_prioritization_rules(cc)`: the rules for one country plus the wildcard ones. */
export function rulesForCountry(rules: readonly PrioRule[], cc: string): PrioRule[] {
  const wanted = normalizeCc(cc);
  return rules.filter((rule) => isWildcard(rule.cc) || normalizeCc(rule.cc) === wanted);
}

/** Sum of the priorities of every matching rule (0 when none matches). */
export function priorityOf(entry: CitizenlabEntry, rules: readonly PrioRule[]): number {
  let priority = 0;
  for (const rule of rules) {
    if (matchPrioRule(entry, rule)) priority += rule.priority;
  }
  return priority;
}

/** Legacy weight: priority over the recent measurement count, the most urgent URL weighs most. */
export function weightOf(priority: number, msmtCnt: number): number {
  return priority / Math.max(msmtCnt, MIN_COUNT);
}

/** Fisher-Yates, in place. */
export function shuffleInPlace<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * Sorts by weight, heaviest first, in a random order among equal weights: a shuffle then a
 * stable sort. Legacy ordered by weight and then RANDOM() so that probes of one network
 * checking in together do not all test the same URLs first.
 */
export function sortByWeightRandomTies<T extends { weight: number }>(items: T[], random: RandomSource): T[] {
  return shuffleInPlace(items, random).sort((a, b) => b.weight - a.weight);
}

/** Legacy `compute_priorities`: priority and weight of every entry, most urgent first. */
export function computePriorities<E extends CountedEntry>(
  entries: readonly E[],
  rules: readonly PrioRule[],
  random: RandomSource = Math.random,
): (E & { priority: number; weight: number })[] {
  const scored = entries.map((entry) => {
    const priority = priorityOf(entry, rules);
    return { ...entry, priority, weight: weightOf(priority, entry.msmt_cnt) };
  });
  return sortByWeightRandomTies(scored, random);
}

/** A URL that can be served to probes of one country: priority > 0 under that country's rules. */
export interface Candidate {
  entry: CitizenlabEntry;
  countryCode: string;
  priority: number;
}

/**
 * The part of the ranking that does not depend on measurement counts, computed once per country
 * and kept until the URL list or the rules change: the country's URLs and the global ones with
 * their priority. URLs whose priority is not positive are never served (legacy), so they are dropped.
 * For `ZZ` (unknown country) `countryEntries` is the global list itself.
 */
export function buildCandidates(
  countryEntries: readonly CitizenlabEntry[],
  globalEntries: readonly CitizenlabEntry[],
  rules: readonly PrioRule[],
  cc: string,
): Candidate[] {
  const countryRules = rulesForCountry(rules, cc);
  const out: Candidate[] = [];
  const add = (entries: readonly CitizenlabEntry[]): void => {
    for (const entry of entries) {
      const priority = priorityOf(entry, countryRules);
      if (priority > 0) out.push({ entry, countryCode: outputCountryCode(entry.cc), priority });
    }
  };
  add(countryEntries);
  if (normalizeCc(cc) !== GLOBAL_CC) add(globalEntries);
  return out;
}

export interface RankOptions {
  /** Empty: every category. */
  categoryCodes: ReadonlySet<string>;
  limit: number;
  debug?: boolean;
  random?: RandomSource;
}

/**
 * Weight groups of a country's candidates under one network's counts. Both are reused as they
 * are (candidates per country until the list or rules change, counts for `counters_cache_s`),
 * so the weights are computed once per pair, not once per check-in.
 */
const groupsMemo = new WeakMap<ReadonlyMap<string, number>, WeakMap<readonly Candidate[], WeightGroup<Candidate>[]>>();

function weightGroups(candidates: readonly Candidate[], counts: ReadonlyMap<string, number>): WeightGroup<Candidate>[] {
  let byList = groupsMemo.get(counts);
  if (!byList) groupsMemo.set(counts, (byList = new WeakMap()));
  let groups = byList.get(candidates);
  if (!groups) {
    groups = groupByWeight(candidates, (c) => weightOf(c.priority, counts.get(c.entry.url) ?? 0));
    byList.set(candidates, groups);
  }
  return groups;
}

/** Counts of a network without any measurement (or when the database does not answer). */
export const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/**
 * The served list: the `limit` most urgent candidates of the wanted categories, heaviest
 * first, ties in random order. No sort per call: the memoized weight groups are walked from
 * the heaviest until the limit is reached.
 */
export function rankCandidates(
  candidates: readonly Candidate[],
  counts: ReadonlyMap<string, number>,
  opts: RankOptions,
): (TestListEntry | DebugTestListEntry)[] {
  const random = opts.random ?? Math.random;
  const countOf = (c: Candidate): number => counts.get(c.entry.url) ?? 0;
  const keep =
    opts.categoryCodes.size > 0 ? (c: Candidate): boolean => opts.categoryCodes.has(c.entry.category_code) : undefined;
  const top = takeTopRandomTies(weightGroups(candidates, counts), Math.max(0, opts.limit), random, keep);
  return top.map((candidate) => {
    const item: TestListEntry = {
      category_code: candidate.entry.category_code,
      country_code: candidate.countryCode,
      url: candidate.entry.url,
    };
    if (!opts.debug) return item;
    const msmtCnt = countOf(candidate);
    return { ...item, msmt_cnt: msmtCnt, priority: candidate.priority, weight: weightOf(candidate.priority, msmtCnt) };
  });
}

/**
 * Legacy `failover_generate_test_list`, used only when neither the database nor any rule is
 * available: a random sample of global URLs of the wanted categories.
 */
export function failoverTestList(
  globalEntries: readonly CitizenlabEntry[],
  categoryCodes: ReadonlySet<string>,
  limit: number,
  random: RandomSource = Math.random,
): TestListEntry[] {
  const pool = globalEntries.filter((e) => categoryCodes.size === 0 || categoryCodes.has(e.category_code));
  return shuffleInPlace([...pool], random)
    .slice(0, Math.max(0, limit))
    .map((e) => ({ category_code: e.category_code, country_code: 'XX', url: e.url }));
}
