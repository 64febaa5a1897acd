import { Module } from '@nestjs/common';
import { AppConfig } from '../../../common/config/app-config';
import { JsonlRepository } from './jsonl.repository';
import { UPLOADER_OPTIONS, uploaderOptionsFrom } from './uploader.options';
import { UploaderService } from './uploader.service';

/** The uploader alone (no schedule, no routes): what the server and `cli uploader` share. */
@Module({
  providers: [
    { provide: UPLOADER_OPTIONS, inject: [AppConfig], useFactory: uploaderOptionsFrom },
    JsonlRepository,
    UploaderService,
  ],
  exports: [UploaderService, UPLOADER_OPTIONS],
})
export class UploaderModule {}
