import { Module } from '@nestjs/common';
import { FastpathRepository } from './fastpath.repository';
import { FeedbackController } from './feedback.controller';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackService } from './feedback.service';
import { JsonlRepository } from './jsonl.repository';
import { MeasurementBodyService } from './measurement-body.service';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsService } from './measurements.service';

/** Measurement search, bodies (spool → other hosts → bucket), metadata and user feedback. */
@Module({
  controllers: [MeasurementsController, FeedbackController],
  providers: [
    FastpathRepository,
    JsonlRepository,
    FeedbackRepository,
    MeasurementsService,
    MeasurementBodyService,
    FeedbackService,
  ],
  exports: [MeasurementBodyService],
})
export class MeasurementsModule {}
