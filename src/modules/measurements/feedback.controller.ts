import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SessionClaims } from '../../common/auth/auth.types';
import { CurrentAccount } from '../../common/auth/current-account.decorator';
import { OptionalSession } from '../../common/auth/optional-session.decorator';
import { Authenticated } from '../../common/auth/roles.decorator';
import { NoCache } from '../../common/http/cache-control.decorator';
import { FeedbackRequestDto, FeedbackSummaryDto } from './dto/measurements.dto';
import { FeedbackService, FeedbackSummary } from './feedback.service';

@ApiTags('Measurements')
@Controller('api/_/measurement_feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get(':measurement_uid')
  @OptionalSession()
  @NoCache()
  @ApiOperation({ summary: 'Feedback counts for a measurement, and the caller own feedback when logged in' })
  @ApiParam({ name: 'measurement_uid' })
  @ApiOkResponse({ type: FeedbackSummaryDto })
  async getMeasurementFeedback(
    @Param('measurement_uid') measurementUid: string,
    @CurrentAccount() account: SessionClaims | undefined,
  ): Promise<FeedbackSummary> {
    return this.feedback.summary(measurementUid, account?.account_id ?? null);
  }

  @Post()
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Submit (or replace) feedback on a measurement; registered users only' })
  @ApiBody({ type: FeedbackRequestDto })
  async submitMeasurementFeedback(
    @Body() body: unknown,
    @CurrentAccount() account: SessionClaims,
  ): Promise<Record<string, never>> {
    const { measurement_uid, status } = (typeof body === 'object' && body !== null ? body : {}) as {
      measurement_uid?: unknown;
      status?: unknown;
    };
    await this.feedback.submit(account.account_id, measurement_uid, status);
    return {};
  }
}
