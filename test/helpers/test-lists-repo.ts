import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES_DIR } from './fixtures';

const FIXTURE_LISTS = path.join(FIXTURES_DIR, 'citizenlab-test-lists', 'lists');
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The real lists of test/fixtures/citizenlab-test-lists (file name → content). */
export function fixtureLists(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(FIXTURE_LISTS)) out[name] = fs.readFileSync(path.join(FIXTURE_LISTS, name), 'utf8');
  return out;
}

/**
 * A local stand-in for github.com/citizenlab/test-lists: a bare repository (`url`, what the
 * API clones and pushes to) and a working clone the test commits from.
 */
export class TestListsUpstream {
  readonly url: string;
  private readonly work: string;

  constructor(readonly dir: string) {
    this.url = path.join(dir, 'upstream.git');
    this.work = path.join(dir, 'maintainer');
    git(dir, 'init', '--bare', '--initial-branch=master', this.url);
    git(dir, 'clone', this.url, this.work);
  }

  /** Writes `lists/<name>` files (null deletes) and pushes one commit to master; returns its sha. */
  commit(files: Record<string, string | null>, message = 'update lists'): string {
    git(this.work, 'checkout', '-q', '-B', 'master');
    fs.mkdirSync(path.join(this.work, 'lists'), { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(this.work, 'lists', name);
      if (content === null) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, content);
    }
    git(this.work, 'add', '-A');
    git(this.work, 'commit', '-q', '--allow-empty', '-m', message);
    git(this.work, 'push', '-q', 'origin', 'master');
    return git(this.work, 'rev-parse', 'HEAD').trim();
  }

  /** A file as it is on a branch of the bare repository, or null. */
  show(branch: string, file: string): string | null {
    try {
      return git(this.url, 'show', `${branch}:${file}`);
    } catch {
      return null;
    }
  }

  branches(): string[] {
    return git(this.url, 'for-each-ref', '--format=%(refname:short)', 'refs/heads')
      .split('\n')
      .filter((b) => b !== '');
  }

  /** Files a branch changes relative to master. */
  changedFiles(branch: string): string[] {
    return git(this.url, 'diff', '--name-only', `master...${branch}`)
      .split('\n')
      .filter((f) => f !== '');
  }

  /** Merges a branch into master, as a maintainer merging the pull request. */
  merge(branch: string): void {
    git(this.work, 'fetch', '-q', 'origin');
    git(this.work, 'checkout', '-q', 'master');
    git(this.work, 'pull', '-q', 'origin', 'master');
    git(this.work, 'merge', '-q', '--no-ff', '-m', `merge ${branch}`, `origin/${branch}`);
    git(this.work, 'push', '-q', 'origin', 'master');
  }
}
