import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JobBusyError } from './registry/job-errors';
import { JobRegistry } from './registry/job-registry';
import { SpoolLockedError } from './uploader/spool-lock';
import { UPLOADER_OPTIONS, UploaderOptions } from './uploader/uploader.options';
import { UploaderBusyError, UploaderService, UploaderSummary } from './uploader/uploader.service';

export const UPLOADER_JOB = 'uploader';

/** Registers the uploader (`uploader.cron`, `uploader.enabled`); `all`: also the open hour. */
@Injectable()
export class UploaderJobs implements OnModuleInit {
  constructor(
    @Inject(UPLOADER_OPTIONS) private readonly options: UploaderOptions,
    private readonly registry: JobRegistry,
    private readonly uploader: UploaderService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: UPLOADER_JOB,
      description: 'Upload closed spool hours to the data bucket (postcans, JSONL) and index them in jsonl',
      cron: this.options.cron,
      enabled: this.options.enabled,
      run: ({ all }) => this.run(all),
    });
  }

  async run(all: boolean): Promise<UploaderSummary> {
    try {
      return await this.uploader.run({ all });
    } catch (err) {
      if (err instanceof SpoolLockedError) throw new JobBusyError(UPLOADER_JOB, err.ownerPid, err.message);
      if (err instanceof UploaderBusyError) throw new JobBusyError(UPLOADER_JOB, process.pid, err.message);
      throw err;
    }
  }
}
