import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFileIfExists } from './read-if-exists';

/** The lock is held by a live process (possibly this one). */
export class LockHeldError extends Error {
  override readonly name: string = 'LockHeldError';
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
    message = `another process (pid ${ownerPid}) holds ${lockFile}`,
  ) {
    super(message);
  }
}

interface LockOwner {
  pid: number;
  /** Process start time (Linux), so that a recycled pid is not mistaken for the owner. */
  start: string;
  nonce: string;
}

/** A process's start time in clock ticks since boot (Linux; empty elsewhere): with the pid, it names one process. */
export function processStart(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the parenthesized command name (which may contain spaces).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** Whether the process `pid` that started at `start` (empty: unknown) is still running. */
export function isProcessAlive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const actual = processStart(pid);
  return actual === '' || start === '' || actual === start;
}

const isAlive = (owner: LockOwner): boolean => isProcessAlive(owner.pid, owner.start);

function parseOwner(raw: Buffer | null): LockOwner | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw.toString('utf8')) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.nonce === 'string') {
      return { pid: v.pid, start: v.start ?? '', nonce: v.nonce };
    }
  } catch {
    // Unreadable: treated as stale (lock files are never written in place).
  }
  return { pid: 0, start: '', nonce: '' };
}

/**
 * An exclusive lock across processes (and within one): a file created atomically holding
 * the owner's pid. A lock left by a dead process is taken over. `acquire` never waits: it
 * throws `heldError(pid)` when a live process holds the lock.
 */
export class PidLock {
  private owner: LockOwner | null = null;

  constructor(readonly file: string) {}

  /** The pid of the live process holding the lock, or null when it is free (or stale). */
  static async holder(file: string): Promise<number | null> {
    const owner = parseOwner(await readFileIfExists(file));
    return owner !== null && owner.pid > 0 && isAlive(owner) ? owner.pid : null;
  }

  protected heldError(pid: number): Error {
    return new LockHeldError(this.file, pid);
  }

  async acquire(): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const me: LockOwner = { pid: process.pid, start: processStart(process.pid), nonce: randomBytes(8).toString('hex') };
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await this.tryCreate(me)) {
        this.owner = me;
        return;
      }
      const holder = parseOwner(await readFileIfExists(this.file));
      if (holder === null) continue;
      if (holder.pid > 0 && isAlive(holder)) throw this.heldError(holder.pid);
      await this.removeStale(holder);
    }
    throw new Error(`could not take ${this.file}: it keeps changing`);
  }

  /** The lock file appears complete or not at all: written aside, then hard-linked (fails if it exists). */
  private async tryCreate(me: LockOwner): Promise<boolean> {
    const tmp = `${this.file}.new-${me.nonce}`;
    await fs.promises.writeFile(tmp, JSON.stringify(me), { mode: 0o644 });
    try {
      await fs.promises.link(tmp, this.file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }

  /** Moves the stale file aside and checks it was the one judged stale; a fresh lock moved by mistake is put back. */
  private async removeStale(stale: LockOwner): Promise<void> {
    const aside = `${this.file}.stale-${randomBytes(6).toString('hex')}`;
    try {
      await fs.promises.rename(this.file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const moved = parseOwner(await readFileIfExists(aside));
    if (moved !== null && moved.nonce !== stale.nonce) {
      await fs.promises.link(aside, this.file).catch(() => undefined);
    }
    await fs.promises.rm(aside, { force: true });
  }

  async release(): Promise<void> {
    const mine = this.owner;
    this.owner = null;
    if (!mine) return;
    const current = parseOwner(await readFileIfExists(this.file));
    if (current?.nonce === mine.nonce) await fs.promises.rm(this.file, { force: true });
  }
}
