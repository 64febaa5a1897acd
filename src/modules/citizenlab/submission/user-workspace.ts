import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { workspaceBusy } from '../citizenlab.errors';
import { ChangesLog } from './changes-log';

export type SubmissionState = 'CLEAN' | 'IN_PROGRESS' | 'PR_OPEN';

/** Account ids are hex hashes; anything else never becomes a path. */
const ACCOUNT_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const LOCK_STEP_MS = 100;
/** A lock older than this belongs to a dead process (proper-lockfile refreshes live ones). */
const STALE_LOCK_MS = 60_000;

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}

/**
 * One account's corner of `citizenlab.workdir/users/<account_id>/`: its own clone
 * (`test-lists/`), the state (`state`, absent means CLEAN), the pull request (`pr_id`) and the
 * changes log (`changes.json`). One lock per account, across processes.
 */
export class UserWorkspace {
  readonly dir: string;
  readonly repoDir: string;
  readonly branch: string;

  constructor(workdir: string, accountId: string) {
    if (!ACCOUNT_ID_RE.test(accountId)) throw new Error('invalid account id');
    this.dir = path.join(workdir, 'users', accountId);
    this.repoDir = path.join(this.dir, 'test-lists');
    this.branch = `user-contribution/${accountId}`;
  }

  /** Runs `fn` holding the account's lock; a request still waiting after `timeoutMs` gets 409. */
  async withLock<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    await fs.mkdir(this.dir, { recursive: true });
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.dir, {
        lockfilePath: path.join(this.dir, 'state.lock'),
        stale: STALE_LOCK_MS,
        retries: {
          retries: Math.ceil(timeoutMs / LOCK_STEP_MS),
          factor: 1,
          minTimeout: LOCK_STEP_MS,
          maxTimeout: LOCK_STEP_MS,
        },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw workspaceBusy();
      throw err;
    }
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  async state(): Promise<SubmissionState> {
    const text = (await readText(path.join(this.dir, 'state')))?.trim();
    return text === 'IN_PROGRESS' || text === 'PR_OPEN' ? text : 'CLEAN';
  }

  /** CLEAN forgets the pull request and the changes log (legacy `_set_state`). */
  async setState(state: SubmissionState): Promise<void> {
    if (state === 'CLEAN') {
      for (const name of ['state', 'pr_id', 'changes.json']) await fs.rm(path.join(this.dir, name), { force: true });
      return;
    }
    await writeAtomic(path.join(this.dir, 'state'), state);
  }

  async prId(): Promise<string | null> {
    return (await readText(path.join(this.dir, 'pr_id')))?.trim() || null;
  }

  async setPrId(prId: string): Promise<void> {
    await writeAtomic(path.join(this.dir, 'pr_id'), prId);
  }

  async changes(): Promise<ChangesLog> {
    const text = await readText(path.join(this.dir, 'changes.json'));
    return text ? (JSON.parse(text) as ChangesLog) : {};
  }

  async setChanges(log: ChangesLog): Promise<void> {
    await writeAtomic(path.join(this.dir, 'changes.json'), JSON.stringify(log));
  }
}
