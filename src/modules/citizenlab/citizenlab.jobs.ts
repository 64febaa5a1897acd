import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JobBusyError } from '../scheduler/registry/job-errors';
import { JobRegistry } from '../scheduler/registry/job-registry';
import { CITIZENLAB_OPTIONS, CitizenlabOptions } from './citizenlab.options';
import { CitizenlabUpdaterService, UpdaterSummary } from './updater/citizenlab-updater.service';

export const CITIZENLAB_JOB = 'citizenlab';

export class CitizenlabUpdateFailedError extends Error {
  override readonly name = 'CitizenlabUpdateFailedError';
}

/** Registers the CitizenLab test list updater (`citizenlab.cron`, `citizenlab.updater_enabled`). */
@Injectable()
export class CitizenlabJobs implements OnModuleInit {
  constructor(
    @Inject(CITIZENLAB_OPTIONS) private readonly options: CitizenlabOptions,
    private readonly registry: JobRegistry,
    private readonly updater: CitizenlabUpdaterService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: CITIZENLAB_JOB,
      description: 'Fetch the CitizenLab test lists, validate them strictly and swap them into citizenlab',
      cron: this.options.cron,
      enabled: this.options.updaterEnabled,
      run: () => this.run(),
    });
  }

  /** A failed update fails the run, so the job status says why (citizenlab was left untouched). */
  async run(): Promise<UpdaterSummary> {
    if (this.updater.isRunning) throw new JobBusyError(CITIZENLAB_JOB, process.pid);
    const summary = await this.updater.run();
    if (!summary.ok) {
      throw new CitizenlabUpdateFailedError(`update failed, citizenlab left untouched: ${summary.error}`);
    }
    return summary;
  }
}
