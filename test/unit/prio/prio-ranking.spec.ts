import {
  buildCandidates,
  computePriorities,
  failoverTestList,
  matchPrioRule,
  outputCountryCode,
  rankCandidates,
  rulesForCountry,
  sortByWeightRandomTies,
} from '../../../src/modules/prio/prio.ranking';
import { CitizenlabEntry, CountedEntry, DebugTestListEntry, PrioRule } from '../../../src/modules/prio/prio.types';
import citizenlabGlobal from '../../fixtures/data/citizenlab.json';
import citizenlabCountersUs from '../../fixtures/data/citizenlab_counters_us.json';
import urlPrioritiesUs from '../../fixtures/data/url_priorities_us.json';

/** Deterministic uniform numbers (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hiddenWiki: CountedEntry = {
  category_code: 'MISC',
  domain: 'thehiddenwiki.org',
  url: 'https://thehiddenwiki.org/',
  cc: 'ZZ',
  msmt_cnt: 38,
};
const rule = (r: Partial<PrioRule>): PrioRule => ({
  category_code: '*',
  cc: '*',
  domain: '*',
  url: '*',
  priority: 0,
  ...r,
});
const blank = { category_code: '', domain: '', url: '' };

describe(matchPrioRule.name, () => {
  it('should match when every rule field is a wildcard or equal', () => {
    expect(matchPrioRule(hiddenWiki, rule({ category_code: 'MISC', cc: 'US', priority: -200 }))).toBe(true);
  });

  it('should not match on a different category, domain or url', () => {
    expect(matchPrioRule(hiddenWiki, rule({ category_code: 'BOGUS', cc: 'US' }))).toBe(false);
    expect(matchPrioRule(hiddenWiki, rule({ category_code: 'MISC', cc: 'US', domain: 'BOGUS' }))).toBe(false);
    expect(matchPrioRule(hiddenWiki, rule({ category_code: 'MISC', cc: 'US', url: 'BOGUS' }))).toBe(false);
  });

  it('should ignore the rule country for global entries and treat empty fields as wildcards', () => {
    expect(matchPrioRule({ ...blank, cc: 'ZZ' }, { ...blank, cc: 'US', priority: 1 })).toBe(true);
    expect(matchPrioRule({ ...blank, cc: 'US' }, { ...blank, cc: 'US', priority: 1 })).toBe(true);
    expect(matchPrioRule({ ...blank, cc: 'US' }, { ...blank, cc: '*', priority: 1 })).toBe(true);
    expect(matchPrioRule({ ...blank, cc: 'US' }, { ...blank, cc: 'IE', priority: 1 })).toBe(false);
  });

  it('should compare country codes case-insensitively', () => {
    expect(matchPrioRule({ ...blank, cc: 'it' }, { ...blank, cc: 'IT', priority: 1 })).toBe(true);
  });
});

describe(computePriorities.name, () => {
  it('should sum matching rules and divide by the measurement count', () => {
    const out = computePriorities(
      [hiddenWiki],
      [rule({ category_code: 'MISC', priority: 20 }), rule({ category_code: 'MISC', cc: 'US', priority: -200 })],
    );
    expect(out).toEqual([{ ...hiddenWiki, priority: -180, weight: -4.7368421052631575 }]);
  });

  it('should apply country rules to a country list stored in lower case', () => {
    const entry: CountedEntry = {
      category_code: 'HUMR',
      domain: 'ooni.org',
      url: 'https://ooni.org/',
      cc: 'it',
      msmt_cnt: 38,
    };
    const out = computePriorities(
      [entry],
      [rule({ cc: 'IT', domain: 'ooni.org', priority: 20 }), rule({ cc: 'IT', domain: 'ooni.org', priority: 400 })],
    );
    expect(out).toEqual([{ ...entry, priority: 420, weight: 11.052631578947368 }]);
  });

  it('should give never-measured URLs ten times their priority', () => {
    const [out] = computePriorities([{ ...hiddenWiki, msmt_cnt: 0 }], [rule({ priority: 7 })]);
    expect(out.weight).toBe(70);
  });

  it('should rank the heaviest first and break ties at random', () => {
    const entries: CountedEntry[] = Array.from({ length: 20 }, (_, i) => ({
      category_code: 'NEWS',
      domain: `d${i}.org`,
      url: `https://d${i}.org/`,
      cc: 'ZZ',
      msmt_cnt: 0,
    }));
    entries.push({ category_code: 'NEWS', domain: 'top.org', url: 'https://top.org/', cc: 'ZZ', msmt_cnt: 0 });
    const rules = [rule({ category_code: 'NEWS', priority: 100 }), rule({ domain: 'top.org', priority: 100 })];
    const orders = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const out = computePriorities(entries, rules);
      expect(out[0].url).toBe('https://top.org/');
      const weights = out.map((o) => o.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      orders.add(out.map((o) => o.url).join(' '));
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe(sortByWeightRandomTies.name, () => {
  it('should be reproducible with a seeded random source', () => {
    const items = () => Array.from({ length: 50 }, (_, i) => ({ id: i, weight: i % 3 }));
    const a = sortByWeightRandomTies(items(), seeded(42)).map((x) => x.id);
    const b = sortByWeightRandomTies(items(), seeded(42)).map((x) => x.id);
    expect(a).toEqual(b);
    expect(a.slice(0, 16).every((id) => id % 3 === 2)).toBe(true);
  });
});

describe(outputCountryCode.name, () => {
  it('should show global entries as XX and country lists upper case', () => {
    expect(outputCountryCode('ZZ')).toBe('XX');
    expect(outputCountryCode('us')).toBe('US');
    expect(outputCountryCode('IT\0\0\0')).toBe('IT');
  });
});

/** The legacy integration test data: US and global URLs with their US counts, and the US rules. */
describe('legacy US fixtures', () => {
  const entries = citizenlabCountersUs as CountedEntry[];
  const rules = urlPrioritiesUs as PrioRule[];
  const counts = new Map(entries.map((e) => [e.url, e.msmt_cnt]));
  const usEntries = entries.filter((e) => e.cc.toUpperCase() === 'US');
  const globalEntries = entries.filter((e) => e.cc === 'ZZ');
  const candidates = buildCandidates(usEntries, globalEntries, rulesForCountry(rules, 'US'), 'US');
  const rank = (categories: string[], limit: number, debug = false) =>
    rankCandidates(candidates, counts, { categoryCodes: new Set(categories), limit, debug, random: seeded(7) });

  it('should serve every URL with a positive priority: 1513 of 1514', () => {
    const out = rank([], 9999, true) as DebugTestListEntry[];
    expect(out).toHaveLength(1513);
    expect(out.find((o) => o.url === hiddenWiki.url)).toBeUndefined();
    expect(out.every((o) => o.priority > 0)).toBe(true);
    const weights = out.map((o) => o.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(out[0].weight).toBeCloseTo(100 / 185, 12);
  });

  it('should label global URLs XX and US ones US', () => {
    const out = rank([], 9999);
    expect(out.every((o) => o.country_code === 'XX' || o.country_code === 'US')).toBe(true);
    const xx = out.filter((o) => o.country_code === 'XX').length;
    expect(xx).toBeGreaterThan(1200);
    expect(out.length - xx).toBeGreaterThan(40);
    expect(Object.keys(out[0]).sort()).toEqual(['category_code', 'country_code', 'url']);
  });

  it('should honour the limit with distinct URLs', () => {
    const out = rank([], 100);
    expect(out).toHaveLength(100);
    expect(new Set(out.map((o) => o.url)).size).toBe(100);
  });

  it('should keep only the requested categories', () => {
    const news = rank(['NEWS'], 100);
    expect(news).toHaveLength(100);
    expect(news.every((o) => o.category_code === 'NEWS')).toBe(true);
    const two = rank(['NEWS', 'HUMR'], 100);
    expect(two).toHaveLength(100);
    expect(two.every((o) => ['NEWS', 'HUMR'].includes(o.category_code))).toBe(true);
  });

  it('should put less measured URLs first among equal priorities', () => {
    const out = rank(['NEWS'], 9999, true) as DebugTestListEntry[];
    const hundred = out.filter((o) => o.priority === 100);
    const cnts = hundred.map((o) => o.msmt_cnt);
    expect(cnts).toEqual([...cnts].sort((a, b) => a - b));
  });

  it('should apply a US-only negative rule to global URLs of US probes only', () => {
    const it = buildCandidates([], globalEntries, rulesForCountry(rules, 'IT'), 'IT');
    expect(it.some((c) => c.entry.url === hiddenWiki.url)).toBe(true);
    expect(candidates.some((c) => c.entry.url === hiddenWiki.url)).toBe(false);
  });
});

describe(failoverTestList.name, () => {
  const globals: CitizenlabEntry[] = (citizenlabGlobal as { category_code: string; url: string }[]).map((e) => ({
    domain: '',
    url: e.url,
    cc: 'ZZ',
    category_code: e.category_code,
  }));

  it('should sample distinct global URLs labelled XX', () => {
    const out = failoverTestList(globals, new Set(), 100, seeded(1));
    expect(out).toHaveLength(100);
    expect(new Set(out.map((o) => o.url)).size).toBe(100);
    expect(out.every((o) => o.country_code === 'XX')).toBe(true);
  });

  it('should filter categories and never return more than there is', () => {
    const news = globals.filter((g) => g.category_code === 'NEWS').length;
    const out = failoverTestList(globals, new Set(['NEWS']), 99999);
    expect(out).toHaveLength(news);
    expect(out.every((o) => o.category_code === 'NEWS')).toBe(true);
  });
});
