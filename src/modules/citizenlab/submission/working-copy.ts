import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { COMMITTER_ENV, gitAt } from '../git';

export interface WorkingCopyOptions {
  originUrl: string;
  /** The upstream branch pull requests target (`master`). */
  base: string;
  pushUrl: string;
  githubUser: string;
  githubToken: string;
  timeoutMs: number;
}

/** Git credentials as configuration in the environment: in no argument, remote URL or file. */
function credentialEnv(user: string, token: string): Record<string, string> {
  if (!token) return {};
  const basic = Buffer.from(`${user || 'x-access-token'}:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}

/** One user's clone of the test-lists repository, driven with the system git. */
export class WorkingCopy {
  constructor(
    readonly dir: string,
    private readonly opts: WorkingCopyOptions,
  ) {}

  private git(env: Record<string, string> = {}) {
    return gitAt(this.dir, this.opts.timeoutMs, { ...COMMITTER_ENV, ...env });
  }

  async ensureCloned(): Promise<void> {
    try {
      await fs.access(path.join(this.dir, '.git'));
      return;
    } catch {
      await fs.rm(this.dir, { recursive: true, force: true });
    }
    await fs.mkdir(path.dirname(this.dir), { recursive: true });
    await gitAt(path.dirname(this.dir), this.opts.timeoutMs).clone(this.opts.originUrl, this.dir, [
      '--branch',
      this.opts.base,
    ]);
  }

  /** Fetches upstream and puts `branch` (default: the base branch) at its tip, discarding local work. */
  async resetToOrigin(branch = this.opts.base): Promise<void> {
    const git = this.git();
    await git.fetch('origin', this.opts.base);
    await git.raw(['checkout', '-q', '-f', '-B', branch, `origin/${this.opts.base}`]);
    await git.raw(['clean', '-q', '-f', '-d']);
  }

  /** Leaves the user branch for the base branch and deletes it (after its pull request is resolved). */
  async dropBranch(branch: string): Promise<void> {
    await this.resetToOrigin();
    await this.git()
      .raw(['branch', '-q', '-D', branch])
      .catch(() => undefined);
  }

  async currentBranch(): Promise<string> {
    return (await this.git().revparse(['--abbrev-ref', 'HEAD'])).trim();
  }

  /** `lists/<name>` of the checked-out tree, or null. */
  async readList(name: string): Promise<string | null> {
    try {
      return await fs.readFile(path.join(this.dir, 'lists', name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async commitList(name: string, text: string, message: string): Promise<void> {
    const file = path.join('lists', name);
    await fs.writeFile(path.join(this.dir, file), text);
    const git = this.git();
    await git.add([file]);
    await git.commit(message, [file]);
  }

  /** Force-pushes `branch` to the push repository (legacy pushes to the ooni-bot fork). */
  async push(branch: string): Promise<void> {
    // The credentials travel as GIT_CONFIG_* variables, which simple-git allows only when asked.
    const git = gitAt(this.dir, this.opts.timeoutMs, credentialEnv(this.opts.githubUser, this.opts.githubToken), {
      allowUnsafeConfigEnvCount: true,
    });
    await git.push(this.opts.pushUrl, `${branch}:${branch}`, ['--force']);
  }
}
