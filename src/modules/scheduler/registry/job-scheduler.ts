import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../../../common/config/app-config';
import { JobBusyError } from './job-errors';
import { JobRegistry } from './job-registry';
import { JobRunner } from './job-runner';
import { JobStatusStore } from './job-status.store';

/**
 * Starts a UTC cron timer per enabled job when `scheduler.enabled` (after every module has
 * registered its jobs). A tick while the job still runs is skipped; a tick never throws.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobScheduler');
  private readonly started: string[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobRegistry,
    private readonly runner: JobRunner,
    private readonly store: JobStatusStore,
    private readonly timers: SchedulerRegistry,
  ) {}

  get isEnabled(): boolean {
    return this.config.scheduler.enabled;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const job of this.jobs.list()) await this.store.declare(job);
    if (!this.isEnabled) return;
    for (const job of this.jobs.list()) {
      if (!job.enabled) continue;
      const timer = CronJob.from({
        cronTime: job.cron,
        onTick: () => this.tick(job.name),
        start: true,
        timeZone: 'UTC',
      });
      this.timers.addCronJob(`job:${job.name}`, timer);
      this.started.push(job.name);
      this.logger.log(`${job.name} scheduled: ${job.cron} UTC`);
    }
  }

  onModuleDestroy(): void {
    for (const name of this.started.splice(0)) {
      if (this.timers.doesExist('cron', `job:${name}`)) this.timers.deleteCronJob(`job:${name}`);
    }
  }

  /** One scheduled run (the runner records and logs its outcome). */
  async tick(name: string): Promise<void> {
    try {
      await this.runner.run(name);
    } catch (err) {
      if (err instanceof JobBusyError) this.logger.warn(`${name}: previous run still going, tick skipped`);
      // Failures are already logged and recorded by the runner.
    }
  }
}
