import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { CITIZENLAB_OPTIONS, CitizenlabOptions } from '../citizenlab.options';
import { CitizenlabRepository } from '../citizenlab.repository';
import { gitAt } from '../git';
import { writeTestListSnapshot } from './test-list-snapshot';
import { readTestLists } from './test-lists.reader';

/** Whoever serves the URL list from memory (Prio), told to reload after a swap. */
export interface TestListConsumer {
  refresh(): Promise<void>;
}
export const TEST_LIST_CONSUMER = Symbol('TEST_LIST_CONSUMER');

export const UPDATER_METRICS_PREFIX = 'citizenlab_test_lists_updater';
const INSERT_BATCH = 10_000;
const CHECKOUT_PREFIX = 'updater-';
const ABANDONED_CHECKOUT_MS = 6 * 3600 * 1000;

export interface UpdaterRunOptions {
  /** Fetch and validate only: the tables stay as they are. */
  dryRun?: boolean;
}

export interface UpdaterSummary {
  ok: boolean;
  dry_run: boolean;
  /** The commit the lists were read from. */
  commit?: string;
  urls?: number;
  lists?: number;
  skipped?: string[];
  /** Why the run failed; `citizenlab` was left untouched. */
  error?: string;
  started_at: string;
  duration_ms: number;
}

export class UpdaterBusyError extends Error {
  override readonly name = 'UpdaterBusyError';
  constructor() {
    super('the CitizenLab updater is already running');
  }
}

/**
 * The CitizenLab test list updater (legacy analysis citizenlab_test_lists_updater): shallow
 * clone of the test-lists repository, strict validation, `citizenlab_flip` rewritten and then
 * swapped with `citizenlab` in one `EXCHANGE TABLES`. A failure at any step skips the swap.
 */
@Injectable()
export class CitizenlabUpdaterService {
  private readonly logger = new Logger('CitizenlabUpdater');
  private readonly metrics: ComponentMetrics;
  private running = false;
  private last: UpdaterSummary | null = null;

  constructor(
    @Inject(CITIZENLAB_OPTIONS) private readonly options: CitizenlabOptions,
    private readonly repo: CitizenlabRepository,
    metrics: MetricsService,
    @Optional() @Inject(TEST_LIST_CONSUMER) private readonly consumer?: TestListConsumer,
  ) {
    this.metrics = metrics.component(UPDATER_METRICS_PREFIX);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The outcome of the last run in this process, or null. */
  get lastRun(): UpdaterSummary | null {
    return this.last;
  }

  /** One run; never throws for a failed update (the summary says why), only when already running. */
  async run(opts: UpdaterRunOptions = {}): Promise<UpdaterSummary> {
    if (this.running) throw new UpdaterBusyError();
    this.running = true;
    const started = new Date();
    const t0 = performance.now();
    const dryRun = opts.dryRun ?? false;
    let summary: UpdaterSummary;
    try {
      summary = { ok: true, dry_run: dryRun, ...(await this.update(dryRun)), started_at: '', duration_ms: 0 };
      this.logger.log(
        `${dryRun ? 'dry run: ' : ''}${summary.urls} URLs from ${summary.lists} lists at ${summary.commit}`,
      );
    } catch (err) {
      summary = { ok: false, dry_run: dryRun, error: (err as Error).message, started_at: '', duration_ms: 0 };
      this.metrics.increment('update_failed');
      this.logger.error(`update failed, citizenlab left untouched: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
    summary.started_at = started.toISOString();
    summary.duration_ms = Math.round(performance.now() - t0);
    this.last = summary;
    return summary;
  }

  private async update(
    dryRun: boolean,
  ): Promise<Omit<UpdaterSummary, 'ok' | 'dry_run' | 'started_at' | 'duration_ms'>> {
    await fs.mkdir(this.options.workdir, { recursive: true });
    await this.removeAbandonedCheckouts();
    const checkout = await fs.mkdtemp(path.join(this.options.workdir, CHECKOUT_PREFIX));
    try {
      const commit = await this.timed('fetch_citizen_lab_lists', () => this.clone(checkout));
      const { entries, lists, skipped } = await readTestLists(checkout, this.options);
      this.metrics.gauge('citizenlab_test_list_len', entries.length);
      if (!dryRun) {
        await this.timed('update_citizenlab_table', () => this.replaceTable(entries));
        await writeTestListSnapshot(this.options.workdir, entries);
        await this.consumer?.refresh();
      }
      return { commit, urls: entries.length, lists, skipped };
    } finally {
      await fs.rm(checkout, { recursive: true, force: true });
    }
  }

  /** Checkouts left by a process that died mid-run (a live run never takes this long). */
  private async removeAbandonedCheckouts(): Promise<void> {
    for (const name of await fs.readdir(this.options.workdir)) {
      if (!name.startsWith(CHECKOUT_PREFIX)) continue;
      const dir = path.join(this.options.workdir, name);
      const stat = await fs.stat(dir).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > ABANDONED_CHECKOUT_MS) await fs.rm(dir, { recursive: true, force: true });
    }
  }

  private async clone(dir: string): Promise<string> {
    const git = gitAt(dir, this.options.gitTimeoutMs);
    await git.clone(this.options.repoUrl, dir, ['--depth', '1', '--branch', this.options.branch, '--single-branch']);
    return (await git.revparse(['HEAD'])).trim();
  }

  /** Legacy: TRUNCATE the flip table, fill it, check it, EXCHANGE. */
  private async replaceTable(entries: readonly { domain: string; url: string; cc: string; category_code: string }[]) {
    await this.repo.truncateFlip();
    for (let i = 0; i < entries.length; i += INSERT_BATCH) {
      await this.repo.insertFlip(entries.slice(i, i + INSERT_BATCH));
    }
    const written = await this.repo.countFlip();
    if (written !== entries.length) {
      throw new Error(`citizenlab_flip holds ${written} rows, expected ${entries.length}`);
    }
    await this.repo.exchangeFlip();
  }

  private async timed<T>(metric: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.metrics.timing(metric, performance.now() - t0);
    }
  }
}
