import { Module } from '@nestjs/common';
import { PrioModule } from '../prio/prio.module';
import { PrioService } from '../prio/prio.service';
import { CitizenlabJobs } from './citizenlab.jobs';
import { CITIZENLAB_OPTIONS } from './citizenlab.options';
import { GithubClient } from './submission/github.client';
import { UrlSubmissionController } from './submission/url-submission.controller';
import { UrlSubmissionService } from './submission/url-submission.service';
import { CITIZENLAB_UPDATER_PROVIDERS } from './updater/citizenlab-updater.providers';
import { CitizenlabUpdaterService, TEST_LIST_CONSUMER } from './updater/citizenlab-updater.service';

/** CitizenLab test lists: the updater (Prio reloads after each swap) and URL submission. */
@Module({
  imports: [PrioModule],
  controllers: [UrlSubmissionController],
  providers: [
    ...CITIZENLAB_UPDATER_PROVIDERS,
    { provide: TEST_LIST_CONSUMER, useExisting: PrioService },
    GithubClient,
    UrlSubmissionService,
    CitizenlabJobs,
  ],
  exports: [CitizenlabUpdaterService, CITIZENLAB_OPTIONS],
})
export class CitizenlabModule {}
