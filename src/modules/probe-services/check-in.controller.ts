import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { badRequest } from '../../common/errors/api-error';
import { GeoipService } from '../../common/geoip/geoip.service';
import { NoCache } from '../../common/http/cache-control.decorator';
import { CheckInAnswerWriter, JSON_CONTENT_TYPE } from './check-in-answer';
import { CheckInService } from './check-in.service';
import { CheckInRequestDto, CheckInResponseDto } from './dto/check-in.dto';

@ApiTags('ProbeServices')
@Controller()
export class CheckInController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly geoip: GeoipService,
    private readonly answers: CheckInAnswerWriter,
  ) {}

  /** The answer as JSON text (see `CheckInAnswerWriter`). */
  private async handle(body: unknown, request: FastifyRequest): Promise<string> {
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw badRequest('The body must be a JSON object');
    }
    const ip = this.geoip.clientIp(request);
    return this.answers.write(await this.checkIns.checkIn(body ?? {}, this.geoip.lookup(ip), ip));
  }

  @Post('api/v1/check-in')
  @Public()
  @HttpCode(200)
  @NoCache()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOperation({ summary: 'Probe Services: check-in. Probes ask which tests to run and which URLs to test' })
  @ApiBody({ type: CheckInRequestDto, required: false })
  @ApiOkResponse({ type: CheckInResponseDto })
  checkIn(@Body() body: unknown, @Req() request: FastifyRequest): Promise<string> {
    return this.handle(body, request);
  }

  @Post('api/_/check-in')
  @Public()
  @HttpCode(200)
  @NoCache()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOperation({ summary: 'Probe Services: check-in (private alias of /api/v1/check-in)' })
  @ApiBody({ type: CheckInRequestDto, required: false })
  @ApiOkResponse({ type: CheckInResponseDto })
  privateCheckIn(@Body() body: unknown, @Req() request: FastifyRequest): Promise<string> {
    return this.handle(body, request);
  }
}
