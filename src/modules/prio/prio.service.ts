import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { TtlCache } from '../../common/cache/ttl-cache';
import { badRequest } from '../../common/errors/api-error';
import { FastpathWeeklyCountsReader } from '../fastpath-store/fastpath-weekly-counts.reader';
import { currentSnapshot, loadCitizenlabSnapshot } from './citizenlab-snapshot';
import { DuplicateRuleError, NoProposedChangesError, RuleNotFoundError } from './prio.errors';
import {
  buildCandidates,
  Candidate,
  computePriorities,
  failoverTestList,
  GLOBAL_CC,
  NO_COUNTS,
  normalizeCc,
  RandomSource,
  rankCandidates,
  rulesForCountry,
} from './prio.ranking';
import { PrioRepository, UrlPriorityRow } from './prio.repository';
import {
  CitizenlabEntry,
  CountedEntry,
  CountryPriorityRow,
  DebugTestListEntry,
  GenerateTestListOptions,
  PrioRule,
  TestListEntry,
} from './prio.types';

/** How long the in-memory URL list and rules are served before a background reload. */
export const PRIO_REFRESH_INTERVAL_MS = 90_000;

export interface PrioOptions {
  /** How long per-network measurement counts are reused; 0: query on every call. */
  countsCacheMs: number;
  /** Fallback lists, preferred first (see `currentSnapshot`); default: the bundled one. */
  snapshotFiles?: string[];
}

export const PRIO_OPTIONS = Symbol('PRIO_OPTIONS');

interface PrioSnapshot {
  byCc: Map<string, CitizenlabEntry[]>;
  rules: PrioRule[];
  loadedAt: number;
  source: 'database' | 'bundled';
  /** Per probe country: its URLs and the global ones with their priority, built on first use. */
  candidates: Map<string, Candidate[]>;
}

export interface DebugPrioritization {
  test_items: DebugTestListEntry[];
  entries: CountedEntry[];
  prio_rules: PrioRule[];
}

export interface UrlPriorityChange {
  old_entry?: Partial<PrioRule> | null;
  new_entry?: Partial<PrioRule> | null;
}

const MATCH_FIELDS = ['category_code', 'cc', 'domain', 'url'] as const;

function indexByCc(entries: readonly CitizenlabEntry[]): Map<string, CitizenlabEntry[]> {
  const byCc = new Map<string, CitizenlabEntry[]>();
  for (const entry of entries) {
    const list = byCc.get(entry.cc);
    if (list) list.push(entry);
    else byCc.set(entry.cc, [entry]);
  }
  return byCc;
}

/** `{}` and null mean "no entry", as in legacy (`if not old_entry`). */
function isGiven(entry: Partial<PrioRule> | null | undefined): entry is Partial<PrioRule> {
  return !!entry && Object.values(entry).some((v) => v !== undefined && v !== null);
}

/** Legacy rule normalisation: a missing or empty match field is the wildcard `*`. */
function completeRule(entry: Partial<PrioRule>, which: string): PrioRule {
  if (typeof entry.priority !== 'number' || !Number.isInteger(entry.priority)) {
    throw badRequest(`${which}.priority must be an integer`);
  }
  const field = (value: string | undefined): string => (value === undefined || value === '' ? '*' : value);
  const cc = field(entry.cc);
  return {
    category_code: field(entry.category_code),
    cc: cc === '*' ? cc : normalizeCc(cc),
    domain: field(entry.domain),
    url: field(entry.url),
    priority: entry.priority,
  };
}

const sameMatch = (a: PrioRule, b: PrioRule): boolean => MATCH_FIELDS.every((k) => a[k] === b[k]);

/**
 * Reactive URL prioritization (legacy prio.py): which CitizenLab URLs a probe should test
 * first. The URL list and the rules live in memory and are reloaded in the background, so a
 * check-in costs one small counter query plus in-memory scoring, and still gets a list when the
 * database is down.
 */
@Injectable()
export class PrioService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Prio');
  private state: PrioSnapshot | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private updates: Promise<unknown> = Promise.resolve();
  private bundled: Promise<CitizenlabEntry[]> | null = null;
  /** Replaced by tests to pin the tie-breaking. */
  random: RandomSource = Math.random;

  /** Per-network measurement counts, briefly cached: check-in is a hot path, counts move slowly. */
  private readonly countsCache: TtlCache<Map<string, number>>;

  constructor(
    private readonly repo: PrioRepository,
    private readonly weeklyCounts: FastpathWeeklyCountsReader,
    @Optional() @Inject(PRIO_OPTIONS) private readonly options?: PrioOptions,
  ) {
    // Concurrent check-ins from one network share a single query.
    this.countsCache = new TtlCache({ ttlMs: options?.countsCacheMs ?? 0, maxEntries: 20_000 });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.logger.warn(`background reload failed: ${String(err)}`));
    }, PRIO_REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Reloads the URL list and the rules from the database; concurrent callers share one reload. */
  refresh(): Promise<void> {
    this.refreshing ??= this.reload().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async reload(): Promise<void> {
    const [entries, rules] = await Promise.all([this.repo.fetchCitizenlab(), this.repo.fetchRules()]);
    this.state = { byCc: indexByCc(entries), rules, loadedAt: Date.now(), source: 'database', candidates: new Map() };
  }

  /** The current snapshot: never blocks on a reload once one exists; falls back to the bundled list. */
  private async snapshot(): Promise<PrioSnapshot> {
    const state = this.state;
    if (state) {
      if (Date.now() - state.loadedAt > PRIO_REFRESH_INTERVAL_MS) {
        this.refresh().catch((err: unknown) =>
          this.logger.warn(`reload failed, serving the last list: ${String(err)}`),
        );
      }
      return state;
    }
    try {
      await this.refresh();
    } catch (err) {
      this.logger.error(`cannot read the URL list from the database, using the bundled snapshot: ${String(err)}`);
      this.bundled ??= loadCitizenlabSnapshot(currentSnapshot(this.options?.snapshotFiles));
      const entries = await this.bundled;
      // Unless the database came back meanwhile; retried after one refresh interval.
      this.state ??= {
        byCc: indexByCc(entries),
        rules: [],
        loadedAt: Date.now(),
        source: 'bundled',
        candidates: new Map(),
      };
    }
    return this.state as PrioSnapshot;
  }

  private candidatesFor(state: PrioSnapshot, cc: string): Candidate[] {
    let candidates = state.candidates.get(cc);
    if (!candidates) {
      // For ZZ the country list is the global one, added once.
      candidates = buildCandidates(state.byCc.get(cc) ?? [], state.byCc.get(GLOBAL_CC) ?? [], state.rules, cc);
      state.candidates.set(cc, candidates);
    }
    return candidates;
  }

  /** Per-URL measurement counts, or null when the database does not answer. */
  private async counts(cc: string, asn: number): Promise<Map<string, number> | null> {
    try {
      return await this.countsCache.get(`${cc}/${asn}`, () => this.repo.fetchMeasurementCounts(cc, asn));
    } catch (err) {
      this.logger.warn(`measurement counts unavailable for ${cc}/AS${asn}: ${String(err)}`);
      return null;
    }
  }

  /**
   * The URLs a probe of `probeCc`/`probeAsn` should test, most urgent first: priority from the
   * rules over recent measurements from the same network, ties in random order.
   */
  async generateTestList(opts: GenerateTestListOptions): Promise<TestListEntry[]> {
    const cc = /^[A-Za-z]{2}$/.test(opts.probeCc) ? opts.probeCc.toUpperCase() : GLOBAL_CC;
    const asn = Number.isSafeInteger(opts.probeAsn) && opts.probeAsn > 0 ? opts.probeAsn : 0;
    const categories = new Set(opts.categoryCodes.map((c) => c.trim().toUpperCase()).filter((c) => c !== ''));
    const limit = Math.max(0, Math.floor(opts.limit));
    const state = await this.snapshot();
    const counts = await this.counts(cc, asn);
    if (counts === null && state.rules.length === 0) {
      return failoverTestList(state.byCc.get(GLOBAL_CC) ?? [], categories, limit, this.random);
    }
    return rankCandidates(this.candidatesFor(state, cc), counts ?? NO_COUNTS, {
      categoryCodes: categories,
      limit,
      debug: opts.debug,
      random: this.random,
    });
  }

  /** Legacy debug_prioritization: the ranked list with its figures, the inputs and the rules. */
  async debugPrioritization(opts: Omit<GenerateTestListOptions, 'debug'>): Promise<DebugPrioritization> {
    const testItems = (await this.generateTestList({ ...opts, debug: true })) as DebugTestListEntry[];
    const cc = /^[A-Za-z]{2}$/.test(opts.probeCc) ? opts.probeCc.toUpperCase() : GLOBAL_CC;
    const state = await this.snapshot();
    const counts = (await this.counts(cc, opts.probeAsn)) ?? new Map<string, number>();
    const listed = cc === GLOBAL_CC ? [] : (state.byCc.get(cc) ?? []);
    const entries = [...listed, ...(state.byCc.get(GLOBAL_CC) ?? [])].map((e) => ({
      category_code: e.category_code,
      domain: e.domain,
      url: e.url,
      cc: e.cc,
      msmt_cnt: counts.get(e.url) ?? 0,
    }));
    return { test_items: testItems, entries, prio_rules: rulesForCountry(state.rules, cc) };
  }

  /**
   * Legacy show_countries_prioritization: every CitizenLab URL with last week's measurements in
   * its country and its priority under all rules, by country then priority.
   */
  async showCountriesPrioritization(): Promise<CountryPriorityRow[]> {
    const [rows, rules] = await Promise.all([
      this.weeklyCounts.fetchCitizenlabWithWeeklyCounts(),
      this.repo.fetchRules(),
    ]);
    const ranked = computePriorities(rows, rules, this.random);
    const out = ranked.map((r): CountryPriorityRow => ({
      anomaly_perc: r.anomaly_perc,
      category_code: r.category_code,
      cc: r.cc,
      domain: r.domain,
      msmt_cnt: r.msmt_cnt,
      priority: r.priority,
      url: r.url,
    }));
    return out.sort((a, b) => (a.cc < b.cc ? -1 : a.cc > b.cc ? 1 : b.priority - a.priority));
  }

  listRules(): Promise<PrioRule[]> {
    return this.repo.fetchRules();
  }

  /**
   * Legacy url-priorities/update: `old_entry` only deletes, `new_entry` only creates, both
   * replace. The old rule must still exist (the check against concurrent edits) and the new one
   * must not duplicate another rule's match fields. Edits are serialised within this process.
   */
  updateRule(change: UrlPriorityChange): Promise<number> {
    const run = this.updates.then(() => this.applyUpdate(change));
    this.updates = run.catch(() => undefined);
    return run;
  }

  private async applyUpdate(change: UrlPriorityChange): Promise<number> {
    const hasOld = isGiven(change.old_entry);
    const hasNew = isGiven(change.new_entry);
    if (!hasOld && !hasNew) throw new NoProposedChangesError();
    const oldRule = hasOld ? completeRule(change.old_entry as Partial<PrioRule>, 'old_entry') : null;
    const newRule = hasNew ? completeRule(change.new_entry as Partial<PrioRule>, 'new_entry') : null;

    if (oldRule) {
      const live = await this.repo.findRules(oldRule);
      if (!live.some((r) => r.priority === oldRule.priority)) throw new RuleNotFoundError(oldRule);
    }
    if (newRule) {
      const live = await this.repo.findRules(newRule);
      const others = live.filter((r) => !(oldRule && sameMatch(r, oldRule) && r.priority === oldRule.priority));
      if (others.length > 0) throw new DuplicateRuleError(newRule);
    }

    const rows: UrlPriorityRow[] = [];
    if (oldRule) rows.push({ sign: -1, ...oldRule });
    if (newRule) rows.push({ sign: 1, ...newRule });
    await this.repo.insertRuleRows(rows);
    this.logger.log(`url priority rule changed: ${JSON.stringify({ old: oldRule, new: newRule })}`);
    // The next check-in must see the change: a reload already running may predate the insert.
    await this.refreshing?.catch(() => undefined);
    await this.refresh().catch((err: unknown) => this.logger.warn(`reload after rule update failed: ${String(err)}`));
    return 1;
  }
}
