import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { NoCache } from '../../common/http/cache-control.decorator';
import { HealthResponseDto } from './dto/health.response.dto';
import { HealthService } from './health.service';

@ApiTags('Health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @Public()
  @NoCache()
  @ApiOperation({ summary: 'Health check used by load balancers and monitoring' })
  @ApiOkResponse({ type: HealthResponseDto })
  async getHealth(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponseDto> {
    const report = await this.health.check();
    if (report.status !== 'ok') void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
