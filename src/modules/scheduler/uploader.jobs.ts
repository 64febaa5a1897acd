import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../../common/config/app-config';
import { SpoolLockedError } from './uploader/spool-lock';
import { UPLOADER_OPTIONS, UploaderOptions } from './uploader/uploader.options';
import { UploaderService } from './uploader/uploader.service';

export const UPLOADER_JOB = 'uploader';

/** Runs the uploader on `uploader.cron` (UTC) when `scheduler.enabled`. */
@Injectable()
export class UploaderJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('UploaderJobs');

  constructor(
    private readonly config: AppConfig,
    @Inject(UPLOADER_OPTIONS) private readonly options: UploaderOptions,
    private readonly registry: SchedulerRegistry,
    private readonly uploader: UploaderService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler.enabled) return;
    // The expression comes from config, so the job is registered here rather than with @Cron.
    const job = CronJob.from({
      cronTime: this.options.cron,
      onTick: () => this.tick(),
      start: true,
      timeZone: 'UTC',
    });
    this.registry.addCronJob(UPLOADER_JOB, job);
    this.logger.log(`uploader scheduled: ${this.options.cron} UTC`);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('cron', UPLOADER_JOB)) this.registry.deleteCronJob(UPLOADER_JOB);
  }

  async tick(): Promise<void> {
    if (this.uploader.isRunning) {
      this.logger.warn('previous uploader run still going: skipping this one');
      return;
    }
    try {
      await this.uploader.run();
    } catch (err) {
      if (err instanceof SpoolLockedError) this.logger.warn(err.message);
      else this.logger.error(`uploader run failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
}
