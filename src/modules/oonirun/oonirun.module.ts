import { Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { AuthModule } from '../auth/auth.module';
import { PrioModule } from '../prio/prio.module';
import { EngineDescriptorService } from './engine-descriptor.service';
import { OonirunLinksService } from './oonirun-links.service';
import { OonirunRowsCache } from './oonirun-rows.cache';
import { OonirunV1Controller } from './oonirun-v1.controller';
import { OonirunV1Service } from './oonirun-v1.service';
import { OonirunV2Controller } from './oonirun-v2.controller';
import { OonirunWriterService } from './oonirun-writer.service';
import { OONIRUN_OPTIONS, oonirunOptionsFromConfig } from './oonirun.options';
import { OonirunRepository } from './oonirun.repository';

/** OONI Run: v2 links (bk-005) and the legacy v1 descriptors, on the `oonirun` table. */
@Module({
  imports: [AuthModule, PrioModule],
  controllers: [OonirunV2Controller, OonirunV1Controller],
  providers: [
    { provide: OONIRUN_OPTIONS, inject: [AppConfig], useFactory: oonirunOptionsFromConfig },
    OonirunRepository,
    OonirunRowsCache,
    OonirunWriterService,
    OonirunLinksService,
    EngineDescriptorService,
    OonirunV1Service,
  ],
})
export class OonirunModule {}
