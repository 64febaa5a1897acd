import { Module } from '@nestjs/common';
import { ApiExtraModels } from '@nestjs/swagger';
import { CountersModule } from '../counters/counters.module';
import { AsnmetaJobs } from './asnmeta.jobs';
import { AsnmetaUpdaterService } from './asnmeta/asnmeta-updater.service';
import { BackupJobs } from './backup.jobs';
import { BackupModule } from './backup/backup.module';
import { CountersJobs } from './counters.jobs';
import { UploaderSummaryDto } from './dto/uploader-summary.dto';
import { FingerprintsJobs } from './fingerprints.jobs';
import { FingerprintsUpdaterService } from './fingerprints/fingerprints-updater.service';
import { GeoipJobs } from './geoip.jobs';
import { GeoipDownloaderService } from './geoip/geoip-downloader.service';
import { JobsController } from './jobs.controller';
import { JobRegistryModule } from './registry/job-registry.module';
import { StagingTablesRepository } from './staging/staging-tables.repository';
import { UploaderJobs } from './uploader.jobs';
import { UploaderModule } from './uploader/uploader.module';

/**
 * Periodic jobs (needs `ScheduleModule.forRoot()` in the application): the registry, the
 * jobs of this folder, and their admin routes. Other modules' jobs register with the
 * global `JobRegistry`.
 */
@ApiExtraModels(UploaderSummaryDto)
@Module({
  imports: [JobRegistryModule, UploaderModule, BackupModule, CountersModule],
  controllers: [JobsController],
  providers: [
    StagingTablesRepository,
    UploaderJobs,
    FingerprintsUpdaterService,
    FingerprintsJobs,
    AsnmetaUpdaterService,
    AsnmetaJobs,
    GeoipDownloaderService,
    GeoipJobs,
    BackupJobs,
    CountersJobs,
  ],
})
export class SchedulerModule {}
