import { Module } from '@nestjs/common';
import { JsonlIndexModule } from '../jsonl-index/jsonl-index.module';
import { FastpathRepository } from './fastpath.repository';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';
import { MeasurementBodyService } from './measurement-body.service';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsService } from './measurements.service';

/** Measurement search, bodies (spool → other hosts → bucket), metadata and user feedback. */
@Module({
  imports: [JsonlIndexModule],
  controllers: [MeasurementsController, FeedbackController],
  providers: [FastpathRepository, FeedbackRepository, MeasurementsService, MeasurementBodyService, FeedbackService],
  exports: [MeasurementBodyService],
})
export class MeasurementsModule {}
