import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { UploaderJobs } from './uploader.jobs';
import { UploaderModule } from './uploader/uploader.module';

/** Periodic jobs (needs `ScheduleModule.forRoot()` in the application) and their admin trigger. */
@Module({
  imports: [UploaderModule],
  controllers: [JobsController],
  providers: [UploaderJobs],
})
export class SchedulerModule {}
