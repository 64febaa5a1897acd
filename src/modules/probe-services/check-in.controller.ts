import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { badRequest } from '../../common/errors/api-error';
import { GeoipService } from '../../common/geoip/geoip.service';
import { NoCache } from '../../common/http/cache-control.decorator';
import { CheckInResponse, CheckInService } from './check-in.service';
import { CheckInRequestDto, CheckInResponseDto } from './dto/check-in.dto';

@ApiTags('ProbeServices')
@Controller()
export class CheckInController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly geoip: GeoipService,
  ) {}

  private handle(body: unknown, request: FastifyRequest): Promise<CheckInResponse> {
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw badRequest('The body must be a JSON object');
    }
    const ip = this.geoip.clientIp(request);
    return this.checkIns.checkIn(body ?? {}, this.geoip.lookup(ip), ip);
  }

  @Post('api/v1/check-in')
  @Public()
  @HttpCode(200)
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: check-in. Probes ask which tests to run and which URLs to test' })
  @ApiBody({ type: CheckInRequestDto, required: false })
  @ApiOkResponse({ type: CheckInResponseDto })
  checkIn(@Body() body: unknown, @Req() request: FastifyRequest): Promise<CheckInResponse> {
    return this.handle(body, request);
  }

  @Post('api/_/check-in')
  @Public()
  @HttpCode(200)
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: check-in (private alias of /api/v1/check-in)' })
  @ApiBody({ type: CheckInRequestDto, required: false })
  @ApiOkResponse({ type: CheckInResponseDto })
  privateCheckIn(@Body() body: unknown, @Req() request: FastifyRequest): Promise<CheckInResponse> {
    return this.handle(body, request);
  }
}
