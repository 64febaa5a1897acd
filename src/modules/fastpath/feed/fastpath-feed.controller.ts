import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FeederSecret } from '../../../common/auth/feeder-secret.decorator';
import { ApiError, badRequest } from '../../../common/errors/api-error';
import { MeasurementFeeder } from '../../../common/feeder/measurement-feeder';
import { RAW_BODY } from '../../../common/http/body-parser';
import { NoCache } from '../../../common/http/cache-control.decorator';
import { isMeasurementUid } from '../../../common/spool/measurement-spool';

/**
 * The fastpath process's feeder endpoint: API hosts POST each accepted measurement here
 * (`POST /<measurement_uid>`, the submission body). Loopback callers only, or callers with
 * `fastpath.feeder_secret` (config validation keeps a secret-less listener on loopback).
 */
@Controller()
export class FastpathFeedController {
  constructor(private readonly feeder: MeasurementFeeder) {}

  @Post(':measurement_uid')
  @FeederSecret()
  @HttpCode(200)
  @NoCache()
  @RouteConfig({ [RAW_BODY]: true })
  feedMeasurement(@Param('measurement_uid') uid: string, @Body() body: unknown): Record<string, never> {
    if (!isMeasurementUid(uid)) throw badRequest('Invalid measurement_uid');
    if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('Empty body');
    if (!this.feeder.offer({ measurementUid: uid, body, receivedAt: new Date() })) {
      throw new ApiError('Fastpath queue full', 503);
    }
    return {};
  }
}
