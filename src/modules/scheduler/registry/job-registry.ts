import { Injectable } from '@nestjs/common';
import { validateCronExpression } from 'cron';
import { UnknownJobError } from './job-errors';
import { JOB_NAME_PATTERN, JobDefinition } from './job.types';

/**
 * Every scheduled job of the process. Modules register theirs in `onModuleInit`; the
 * scheduler starts the timers at application bootstrap, after every module registered.
 */
@Injectable()
export class JobRegistry {
  private readonly jobs = new Map<string, JobDefinition>();

  register(job: JobDefinition): void {
    if (!JOB_NAME_PATTERN.test(job.name)) throw new Error(`job name ${JSON.stringify(job.name)} is not [a-z0-9-]+`);
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    const cron = validateCronExpression(job.cron);
    if (!cron.valid) throw new Error(`job ${job.name}: bad cron expression ${JSON.stringify(job.cron)}`);
    this.jobs.set(job.name, job);
  }

  get(name: string): JobDefinition {
    const job = this.jobs.get(name);
    if (!job) throw new UnknownJobError(name);
    return job;
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  /** Sorted by name. */
  list(): JobDefinition[] {
    return [...this.jobs.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
