import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { GitError } from 'simple-git';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import {
  badCategoryCode,
  badDate,
  badField,
  badUrl,
  cannotClosePr,
  cannotUpdateList,
  countryNotSupported,
  duplicateUrl,
  invalidCountryCode,
  noProposedChanges,
  upstreamFailed,
} from '../citizenlab.errors';
import { CITIZENLAB_OPTIONS, CitizenlabOptions } from '../citizenlab.options';
import {
  EditableEntry,
  GLOBAL_LIST,
  parseLegend,
  parseTestList,
  serializeTestList,
  TestListRow,
} from '../test-list.format';
import { entryProblem, EntryProblem, listName } from '../test-list.validation';
import { CATEGORY_LEGEND } from '../updater/test-lists.reader';
import { ChangesLog, recordChange } from './changes-log';
import { GithubApiError, GithubClient } from './github.client';
import { applyEdit, editable, sameEntry } from './list-edit';
import { UpstreamMirror } from './upstream-mirror';
import { SubmissionState, UserWorkspace } from './user-workspace';
import { WorkingCopy } from './working-copy';

export interface UserTestList {
  test_list: EditableEntry[] | null;
  changes: ChangesLog;
  state: SubmissionState;
  pr_url: string | null;
}

export interface UrlUpdate {
  country_code: string;
  comment: string;
  old_entry?: EditableEntry | null;
  new_entry?: EditableEntry | null;
}

interface Session {
  ws: UserWorkspace;
  wc: WorkingCopy;
}

const PROBLEM_ERRORS: Record<EntryProblem, () => Error> = {
  url: badUrl,
  category_code: badCategoryCode,
  date_added: badDate,
  field: badField,
};

/** Legacy `validate_entry` on each given entry; `categories` null: any category passes. */
function checkEntries(entries: (EditableEntry | null)[], categories: Map<string, string> | null): void {
  for (const entry of entries) {
    if (!entry) continue;
    const known = categories ?? new Map([[entry.category_code, '']]);
    const problem = entryProblem(editable(entry as TestListRow), known);
    if (problem) throw PROBLEM_ERRORS[problem]();
  }
}

/**
 * URL submission for the Test List Editor (legacy citizenlab.py `URLListManager`): each
 * account edits its own clone, commits on `user-contribution/<account_id>`, and submits a
 * pull request. States: CLEAN → (edit) IN_PROGRESS → (submit) PR_OPEN → (edit: the PR is
 * closed) IN_PROGRESS, or (merged/closed upstream, seen at the next sync) CLEAN.
 */
@Injectable()
export class UrlSubmissionService {
  private readonly logger = new Logger('UrlSubmission');
  private readonly metrics: ComponentMetrics;
  private readonly mirror: UpstreamMirror;

  constructor(
    @Inject(CITIZENLAB_OPTIONS) private readonly options: CitizenlabOptions,
    private readonly github: GithubClient,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
    this.mirror = new UpstreamMirror(options.workdir, options.submission.originUrl, options.gitTimeoutMs);
  }

  async testList(accountId: string, countryCode: string): Promise<UserTestList> {
    const list = this.listOrThrow(countryCode);
    return this.session(accountId, async ({ ws, wc }) => {
      const state = await this.sync(ws, wc);
      if (state === 'CLEAN') await wc.resetToOrigin();
      const text = await wc.readList(`${list}.csv`);
      const prId = state === 'PR_OPEN' ? await ws.prId() : null;
      return {
        test_list: text === null ? null : parseTestList(text, `${list}.csv`).map(editable),
        changes: await ws.changes(),
        state,
        pr_url: prId ? this.github.webUrl(prId) : null,
      };
    });
  }

  async updateUrl(accountId: string, update: UrlUpdate): Promise<EditableEntry | null> {
    const list = this.listOrThrow(update.country_code);
    const oldEntry = update.old_entry ?? null;
    const newEntry = update.new_entry ?? null;
    if (!oldEntry && !newEntry) throw noProposedChanges();
    if (oldEntry && newEntry && sameEntry(oldEntry, newEntry)) throw noProposedChanges();
    // Everything but the category (its legend is in the working copy) before touching any file.
    checkEntries([oldEntry, newEntry], null);
    return this.session(accountId, async ({ ws, wc }) => {
      const categories = await this.categories(wc);
      checkEntries([oldEntry, newEntry], categories);
      const state = await this.sync(ws, wc);
      if (state === 'CLEAN') await wc.resetToOrigin(ws.branch);
      const edited = await this.editedList(wc, list, categories, oldEntry, newEntry);
      // An open PR is the lock on the branch: closed only for an edit that will be committed,
      // so reviewers never merge half an edit.
      if (state === 'PR_OPEN') await this.closePullRequest(ws);
      const message = this.commitMessage(update.comment, list, oldEntry, newEntry);
      await wc.commitList(`${list}.csv`, serializeTestList(edited), message);
      await ws.setChanges(recordChange(await ws.changes(), list, oldEntry, newEntry));
      await ws.setState('IN_PROGRESS');
      return newEntry;
    });
  }

  /** The list with the edit applied; refuses a missing list, a duplicate URL, a stale old entry. */
  private async editedList(
    wc: WorkingCopy,
    list: string,
    categories: Map<string, string>,
    oldEntry: EditableEntry | null,
    newEntry: EditableEntry | null,
  ): Promise<TestListRow[]> {
    const text = await wc.readList(`${list}.csv`);
    if (text === null) throw countryNotSupported();
    const rows = parseTestList(text, `${list}.csv`);
    if (newEntry && newEntry.url !== oldEntry?.url) await this.refuseDuplicate(wc, list, rows, newEntry.url);
    const newRow = newEntry
      ? { ...editable(newEntry as TestListRow), category_description: categories.get(newEntry.category_code) ?? '' }
      : null;
    const edited = applyEdit(rows, oldEntry, newRow);
    if (edited === null) throw cannotUpdateList();
    return edited;
  }

  /** Pushes the user's branch and opens the pull request; returns its API URL (legacy `pr_id`). */
  async submit(accountId: string): Promise<string> {
    return this.session(accountId, async ({ ws, wc }) => {
      if ((await this.sync(ws, wc)) !== 'IN_PROGRESS') throw noProposedChanges();
      try {
        await wc.push(ws.branch);
      } catch (err) {
        this.logger.error(`push of ${ws.branch} failed: ${(err as Error).message}`);
        throw upstreamFailed('Pushing the changes');
      }
      const prId = await this.githubCall('Opening the pull request', () =>
        this.github.openPullRequest(ws.branch, this.options.branch),
      );
      await ws.setPrId(prId);
      await ws.setState('PR_OPEN');
      this.logger.log(`pull request ${prId} opened from ${ws.branch}`);
      return prId;
    });
  }

  private listOrThrow(countryCode: string): string {
    const list = listName(countryCode);
    if (list === null) throw invalidCountryCode();
    return list;
  }

  /** Runs `fn` under the account's lock with its working copy cloned. */
  private async session<T>(accountId: string, fn: (s: Session) => Promise<T>): Promise<T> {
    const ws = new UserWorkspace(this.options.workdir, accountId);
    const s = this.options.submission;
    const wc = new WorkingCopy(ws.repoDir, {
      originUrl: this.mirror.dir,
      base: this.options.branch,
      pushUrl: s.pushUrl,
      githubUser: s.githubUser,
      githubToken: s.githubToken,
      timeoutMs: this.options.gitTimeoutMs,
    });
    const t0 = performance.now();
    return ws.withLock(s.lockTimeoutMs, async () => {
      this.metrics.timing('citizenlab_lock_wait', performance.now() - t0);
      await this.syncMirror();
      try {
        await wc.ensureCloned();
      } catch (err) {
        this.logger.error(`cloning the test lists failed: ${(err as Error).message}`);
        throw upstreamFailed('Fetching the test lists');
      }
      try {
        return await fn({ ws, wc });
      } catch (err) {
        if (!(err instanceof GitError)) throw err;
        // A broken working copy is our problem, not the caller's: logged, answered 502.
        this.logger.error(`git failed in ${ws.dir}: ${err.message}`);
        throw upstreamFailed('Updating the working copy');
      }
    });
  }

  /** Upstream unreachable: carry on with the mirror as it is, if there is one. */
  private async syncMirror(force = false): Promise<void> {
    try {
      await this.mirror.sync(force);
    } catch (err) {
      this.logger.warn(`fetching ${this.options.submission.originUrl} failed: ${(err as Error).message}`);
      if (!(await this.mirror.exists())) throw upstreamFailed('Fetching the test lists');
    }
  }

  /** Legacy `sync_state`: a pull request merged or closed upstream brings the account back to CLEAN. */
  private async sync(ws: UserWorkspace, wc: WorkingCopy): Promise<SubmissionState> {
    const state = await ws.state();
    if (state !== 'CLEAN' && (await wc.currentBranch()) !== ws.branch) {
      // The working copy was lost (var/ cleaned, disk replaced): so were the changes.
      this.logger.warn(`${ws.dir}: state ${state} without branch ${ws.branch}, starting over`);
      await ws.setState('CLEAN');
      return 'CLEAN';
    }
    if (state !== 'PR_OPEN') return state;
    const prId = await ws.prId();
    let resolved = prId === null;
    if (prId !== null) {
      try {
        resolved = (await this.github.pullRequestState(prId)) !== 'open';
      } catch (err) {
        // GitHub unreachable: keep showing the open pull request.
        this.logger.warn(`cannot read ${prId}: ${(err as Error).message}`);
        return state;
      }
    }
    if (!resolved) return state;
    // Merged upstream: the list must show it now, not after the mirror's next fetch.
    await this.syncMirror(true);
    await wc.dropBranch(ws.branch);
    await ws.setState('CLEAN');
    return 'CLEAN';
  }

  private async closePullRequest(ws: UserWorkspace): Promise<void> {
    const prId = await ws.prId();
    try {
      if (prId) await this.github.closePullRequest(prId);
    } catch (err) {
      this.logger.warn(`cannot close ${prId}: ${(err as Error).message}`);
      throw cannotClosePr();
    }
    await ws.setState('IN_PROGRESS');
  }

  private async refuseDuplicate(wc: WorkingCopy, list: string, rows: TestListRow[], url: string): Promise<void> {
    if (rows.some((r) => r.url === url)) throw duplicateUrl(url);
    if (list === GLOBAL_LIST) return;
    const global = await wc.readList(`${GLOBAL_LIST}.csv`);
    if (global !== null && parseTestList(global).some((r) => r.url === url)) throw duplicateUrl(url);
  }

  private async categories(wc: WorkingCopy): Promise<Map<string, string>> {
    const legend = await wc.readList(CATEGORY_LEGEND);
    if (legend === null) throw upstreamFailed('Reading the category legend');
    return parseLegend(legend, 'New Code', 'Category Description');
  }

  private commitMessage(comment: string, list: string, oldEntry: EditableEntry | null, newEntry: EditableEntry | null) {
    if (comment.trim() !== '') return comment;
    const verb = newEntry && oldEntry ? 'Edit' : newEntry ? 'Add' : 'Delete';
    return `${verb} ${(newEntry ?? oldEntry)?.url ?? ''} in ${list}.csv`;
  }

  private async githubCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof GithubApiError)) throw err;
      this.logger.error(`${what}: ${err.message}`);
      throw upstreamFailed(what);
    }
  }
}
