import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PidLock } from '../../../common/fs/pid-lock';
import { JOB_NAME_PATTERN, JobDefinition, JobStatus } from './job.types';

export function emptyStatus(job: Pick<JobDefinition, 'name' | 'description' | 'cron' | 'enabled'>): JobStatus {
  return {
    name: job.name,
    description: job.description,
    cron: job.cron,
    enabled: job.enabled,
    last_start: null,
    last_end: null,
    last_duration_ms: null,
    last_outcome: null,
    last_error: null,
    last_success: null,
    runs: 0,
    failures: 0,
  };
}

/**
 * Job status and locks as files under one directory (`<var_dir>/jobs`), shared by the
 * server and the CLI: `<name>.json` (status, replaced atomically) and `<name>.lock`.
 * Readable without ClickHouse, so `cli jobs` works while the server owns the database.
 */
export class JobStatusStore {
  constructor(readonly dir: string) {}

  lockFile(name: string): string {
    return path.join(this.dir, `${name}.lock`);
  }

  lock(name: string): PidLock {
    return new PidLock(this.lockFile(name));
  }

  async read(name: string): Promise<JobStatus | null> {
    try {
      return JSON.parse(await fs.promises.readFile(this.file(name), 'utf8')) as JobStatus;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return null;
      throw err;
    }
  }

  /** Every recorded job, sorted by name. */
  async readAll(): Promise<JobStatus[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const jobs = names
      .filter((n) => n.endsWith('.json') && JOB_NAME_PATTERN.test(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
      .sort();
    const out: JobStatus[] = [];
    for (const name of jobs) {
      const status = await this.read(name);
      if (status) out.push(status);
    }
    return out;
  }

  /** Records the job's current definition, keeping its run history. */
  async declare(job: JobDefinition): Promise<JobStatus> {
    const status = { ...((await this.read(job.name)) ?? emptyStatus(job)) };
    Object.assign(status, { description: job.description, cron: job.cron, enabled: job.enabled });
    await this.write(status);
    return status;
  }

  async write(status: JobStatus): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(status.name)}.tmp-${randomBytes(6).toString('hex')}`;
    await fs.promises.writeFile(tmp, `${JSON.stringify(status, null, 2)}\n`);
    await fs.promises.rename(tmp, this.file(status.name));
  }

  private file(name: string): string {
    if (!JOB_NAME_PATTERN.test(name)) throw new Error(`bad job name ${JSON.stringify(name)}`);
    return path.join(this.dir, `${name}.json`);
  }
}
