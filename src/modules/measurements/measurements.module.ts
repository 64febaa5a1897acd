import { Module } from '@nestjs/common';
import { FastpathStoreModule } from '../fastpath-store/fastpath-store.module';
import { JsonlIndexModule } from '../jsonl-index/jsonl-index.module';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';
import { MeasurementBodyService } from './measurement-body.service';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsService } from './measurements.service';
import { UrlCategoryRepository } from './url-category.repository';

/** Measurement search, bodies (spool → other hosts → bucket), metadata and user feedback. */
@Module({
  imports: [JsonlIndexModule, FastpathStoreModule],
  controllers: [MeasurementsController, FeedbackController],
  providers: [UrlCategoryRepository, FeedbackRepository, MeasurementsService, MeasurementBodyService, FeedbackService],
  exports: [MeasurementBodyService],
})
export class MeasurementsModule {}
