import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/public.decorator';
import { unauthorized } from '../../common/errors/api-error';
import { NoCache } from '../../common/http/cache-control.decorator';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { LoginRequestDto, LoginResponseDto, RegisterRequestDto, RegisterResponseDto } from './dto/probe-auth.dto';
import { ProbeTokenService } from './probe-token.service';

@ApiTags('ProbeServices')
@Controller('api/v1')
export class ProbeAuthController {
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly tokens: ProbeTokenService,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  @Post('register')
  @Public()
  @HttpCode(200)
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: register; the probe keeps the client_id for good' })
  @ApiBody({ type: RegisterRequestDto, required: false })
  @ApiOkResponse({ type: RegisterResponseDto })
  probeRegister(): RegisterResponseDto {
    return { client_id: this.tokens.register() };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: login with the client_id; the token lasts 7 days' })
  @ApiBody({ type: LoginRequestDto })
  @ApiOkResponse({ type: LoginResponseDto })
  probeLogin(@Body() body: unknown): LoginResponseDto {
    const username = typeof body === 'object' && body !== null ? (body as { username?: unknown }).username : undefined;
    const result = this.tokens.login(username);
    if (!result.ok) {
      this.metrics.increment('probe_login_failed');
      throw unauthorized('Invalid credentials');
    }
    this.metrics.increment('probe_login_successful');
    return { token: result.token, expire: result.expire };
  }
}
