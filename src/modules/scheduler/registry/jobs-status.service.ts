import { Injectable } from '@nestjs/common';
import { JobRegistry } from './job-registry';
import { JobScheduler } from './job-scheduler';
import { JobStatusStore, emptyStatus } from './job-status.store';
import { viewStatus } from './job-status.view';
import { JobStatusView } from './job.types';

/** The status of every registered job, as shown at `GET /api/_/admin/jobs`. */
@Injectable()
export class JobsStatusService {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly store: JobStatusStore,
    private readonly scheduler: JobScheduler,
  ) {}

  async list(): Promise<JobStatusView[]> {
    const out: JobStatusView[] = [];
    for (const job of this.jobs.list()) {
      const recorded = (await this.store.read(job.name)) ?? emptyStatus(job);
      const current = { ...recorded, description: job.description, cron: job.cron, enabled: job.enabled };
      out.push(await viewStatus(this.store, current, this.scheduler.isEnabled));
    }
    return out;
  }
}
