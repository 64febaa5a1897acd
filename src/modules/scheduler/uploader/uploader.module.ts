import { Module } from '@nestjs/common';
import { AppConfig } from '../../../common/config/app-config';
import { JsonlIndexModule } from '../../jsonl-index/jsonl-index.module';
import { UPLOADER_OPTIONS, uploaderOptionsFrom } from './uploader.options';
import { UploaderService } from './uploader.service';

/** The uploader alone (no schedule, no routes): what the server and `cli uploader` share. */
@Module({
  imports: [JsonlIndexModule],
  providers: [{ provide: UPLOADER_OPTIONS, inject: [AppConfig], useFactory: uploaderOptionsFrom }, UploaderService],
  exports: [UploaderService, UPLOADER_OPTIONS],
})
export class UploaderModule {}
