import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../../common/config/app-config';
import { JobRegistry } from './job-registry';
import { JobRunner } from './job-runner';
import { JobScheduler } from './job-scheduler';
import { JobStatusStore } from './job-status.store';
import { JobsStatusService } from './jobs-status.service';

/**
 * The job registry, global: any module injects `JobRegistry` and calls `register()` in its
 * `onModuleInit`. Needs `ScheduleModule.forRoot()` in the application.
 */
@Global()
@Module({
  providers: [
    JobRegistry,
    JobRunner,
    JobScheduler,
    JobsStatusService,
    {
      provide: JobStatusStore,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new JobStatusStore(c.varPath('jobs')),
    },
  ],
  exports: [JobRegistry, JobRunner, JobStatusStore, JobsStatusService],
})
export class JobRegistryModule {}
