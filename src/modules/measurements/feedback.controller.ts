import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { SessionClaims } from '../../common/auth/auth.types';
import { CurrentAccount } from '../../common/auth/current-account.decorator';
import { Authenticated } from '../../common/auth/roles.decorator';
import { SessionResolver } from '../../common/auth/session-resolver';
import { NoCache } from '../../common/http/cache-control.decorator';
import { FeedbackRequestDto, FeedbackSummaryDto } from './dto/measurements.dto';
import { FeedbackService, FeedbackSummary } from './feedback.service';

@ApiTags('Measurements')
@Controller('api/_/measurement_feedback')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly sessions: SessionResolver,
  ) {}

  @Get(':measurement_uid')
  @NoCache()
  @ApiOperation({ summary: 'Feedback counts for a measurement, and the caller own feedback when logged in' })
  @ApiParam({ name: 'measurement_uid' })
  @ApiOkResponse({ type: FeedbackSummaryDto })
  async getMeasurementFeedback(
    @Param('measurement_uid') measurementUid: string,
    @Req() request: FastifyRequest,
  ): Promise<FeedbackSummary> {
    const claims = await this.sessions.optional(request);
    return this.feedback.summary(measurementUid, claims?.account_id ?? null);
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
