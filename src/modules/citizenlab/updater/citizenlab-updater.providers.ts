import { Provider } from '@nestjs/common';
import { AppConfig } from '../../../common/config/app-config';
import { CITIZENLAB_OPTIONS, citizenlabOptionsFrom } from '../citizenlab.options';
import { CitizenlabRepository } from '../citizenlab.repository';
import { CitizenlabUpdaterService } from './citizenlab-updater.service';

/** The updater and what it needs; the server adds Prio as TEST_LIST_CONSUMER, the CLI does not. */
export const CITIZENLAB_UPDATER_PROVIDERS: Provider[] = [
  { provide: CITIZENLAB_OPTIONS, inject: [AppConfig], useFactory: citizenlabOptionsFrom },
  CitizenlabRepository,
  CitizenlabUpdaterService,
];
