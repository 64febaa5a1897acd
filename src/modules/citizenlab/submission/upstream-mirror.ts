import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { gitAt } from '../git';

/** Upstream is fetched at most this often; reads in between use the mirror as it is. */
export const MIRROR_MAX_AGE_MS = 30_000;
const LOCK_STEP_MS = 100;

/**
 * One bare mirror of the upstream test lists, shared by every account: fetched from
 * `originUrl` under its own lock, at most every MIRROR_MAX_AGE_MS. The accounts' clones are
 * made from it (a local clone hard-links the objects) and fetch from it, so the upstream
 * history is downloaded once, not once per account.
 */
export class UpstreamMirror {
  readonly dir: string;
  private lastFetch = 0;

  constructor(
    workdir: string,
    private readonly originUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.dir = path.join(workdir, 'upstream.git');
  }

  /** Fetches upstream unless done recently (`force`: always, e.g. when a pull request was merged). */
  async sync(force = false): Promise<void> {
    if (!force && Date.now() - this.lastFetch < MIRROR_MAX_AGE_MS) return;
    const started = Date.now();
    await fs.mkdir(path.dirname(this.dir), { recursive: true });
    const release = await lockfile.lock(path.dirname(this.dir), {
      lockfilePath: `${this.dir}.lock`,
      stale: Math.max(60_000, this.timeoutMs * 2),
      retries: {
        retries: Math.ceil((this.timeoutMs * 2) / LOCK_STEP_MS),
        factor: 1,
        minTimeout: LOCK_STEP_MS,
        maxTimeout: LOCK_STEP_MS,
      },
    });
    try {
      // Someone else fetched while this call waited for the lock.
      if (this.lastFetch >= started) return;
      if (!(await this.exists())) {
        await gitAt(path.dirname(this.dir), this.timeoutMs).clone(this.originUrl, this.dir, ['--bare']);
      }
      // Branches only: a --mirror of GitHub would also bring every refs/pull/*.
      await gitAt(this.dir, this.timeoutMs).fetch(['--prune', this.originUrl, '+refs/heads/*:refs/heads/*']);
      this.lastFetch = Date.now();
    } finally {
      await release();
    }
  }

  exists(): Promise<boolean> {
    return fs.access(path.join(this.dir, 'HEAD')).then(
      () => true,
      () => false,
    );
  }
}
