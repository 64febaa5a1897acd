import { Module } from '@nestjs/common';
import { PrioModule } from '../prio/prio.module';
import { PrioService } from '../prio/prio.service';
import { CITIZENLAB_OPTIONS } from './citizenlab.options';
import { CITIZENLAB_UPDATER_PROVIDERS } from './updater/citizenlab-updater.providers';
import { CitizenlabUpdaterService, TEST_LIST_CONSUMER } from './updater/citizenlab-updater.service';

/** CitizenLab test lists: the updater (Prio reloads after each swap) and URL submission. */
@Module({
  imports: [PrioModule],
  providers: [...CITIZENLAB_UPDATER_PROVIDERS, { provide: TEST_LIST_CONSUMER, useExisting: PrioService }],
  exports: [CitizenlabUpdaterService, CITIZENLAB_OPTIONS],
})
export class CitizenlabModule {}
