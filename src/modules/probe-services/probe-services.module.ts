import { Module } from '@nestjs/common';
import { PrioModule } from '../prio/prio.module';
import { CheckInAnswerWriter } from './check-in-answer';
import { CheckInController } from './check-in.controller';
import { CheckInService } from './check-in.service';
import { MeasurementSubmissionService } from './measurement-submission.service';
import { ProbeAuthController } from './probe-auth.controller';
import { ProbeConfigController } from './probe-config.controller';
import { ProbeFilesService } from './probe-files.service';
import { ProbeTokenService } from './probe-token.service';
import { ReportsController } from './reports.controller';
import { TestHelpersService } from './test-helpers.service';

/** Everything ooniprobe talks to: registration, check-in, configuration and measurement submission. */
@Module({
  imports: [PrioModule],
  controllers: [ProbeAuthController, CheckInController, ProbeConfigController, ReportsController],
  providers: [
    ProbeTokenService,
    TestHelpersService,
    CheckInService,
    CheckInAnswerWriter,
    ProbeFilesService,
    MeasurementSubmissionService,
  ],
})
export class ProbeServicesModule {}
