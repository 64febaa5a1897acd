import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { ProbeToken } from '../../common/auth/probe-token.decorator';
import { Public } from '../../common/auth/public.decorator';
import { badRequest } from '../../common/errors/api-error';
import { GeoipService } from '../../common/geoip/geoip.service';
import { CachedJson, NoCache } from '../../common/http/cache-control.decorator';
import { ProbeFilesService } from './probe-files.service';
import { TestHelpersConf, TestHelpersService } from './test-helpers.service';

const COLLECTORS = [
  { address: 'httpo://guegdifjy7bjpequ.onion', type: 'onion' },
  { address: 'https://ams-pg.ooni.org:443', type: 'https' },
  { address: 'https://dkyhjv0wpi2dk.cloudfront.net', front: 'dkyhjv0wpi2dk.cloudfront.net', type: 'cloudfront' },
];

@ApiTags('ProbeServices')
@Controller()
export class ProbeConfigController {
  constructor(
    private readonly helpers: TestHelpersService,
    private readonly files: ProbeFilesService,
    private readonly geoip: GeoipService,
  ) {}

  @Get('api/v1/test-helpers')
  @Public()
  @CachedJson(0)
  @ApiOperation({ summary: 'Probe Services: list test helpers (web-connectivity load-balanced per client)' })
  @ApiOkResponse({ description: 'Test helper lists keyed by helper type' })
  listTestHelpers(@Req() request: FastifyRequest): TestHelpersConf {
    return this.helpers.forClient(this.geoip.clientIp(request));
  }

  @Get('api/v1/collectors')
  @Public()
  @CachedJson(3600)
  @ApiOperation({ summary: 'Probe Services: list collectors' })
  listCollectors(): typeof COLLECTORS {
    return COLLECTORS;
  }

  @Post('bouncer/net-tests')
  @Public()
  @HttpCode(200)
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: bouncer (legacy)' })
  @ApiBody({ schema: { type: 'object', properties: { 'net-tests': { type: 'array' } } } })
  bouncerNetTests(@Body() body: unknown): unknown {
    const netTests = (body as { 'net-tests'?: unknown } | undefined)?.['net-tests'];
    const first: unknown = Array.isArray(netTests) ? netTests[0] : undefined;
    const { name, version } = (first ?? {}) as { name?: unknown; version?: unknown };
    if (first === undefined || name === undefined || version === undefined) throw badRequest('Malformed request');
    return {
      'net-tests': [
        {
          collector: 'httpo://guegdifjy7bjpequ.onion',
          'collector-alternate': [
            { type: 'https', address: 'https://ams-pg.ooni.org' },
            {
              front: 'dkyhjv0wpi2dk.cloudfront.net',
              type: 'cloudfront',
              address: 'https://dkyhjv0wpi2dk.cloudfront.net',
            },
          ],
          'input-hashes': null,
          name,
          'test-helpers': {
            'tcp-echo': '37.218.241.93',
            'http-return-json-headers': 'http://37.218.241.94:80',
            'web-connectivity': 'httpo://y3zq5fwelrzkkv3s.onion',
          },
          'test-helpers-alternate': {
            'web-connectivity': [
              { type: 'https', address: 'https://wcth.ooni.io' },
              {
                front: 'd33d1gs9kpq1c5.cloudfront.net',
                type: 'cloudfront',
                address: 'https://d33d1gs9kpq1c5.cloudfront.net',
              },
            ],
          },
          version,
        },
      ],
    };
  }

  @Get('api/v1/test-list/tor-targets')
  @ProbeToken()
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: Tor targets, an object keyed by target id (probe token required)' })
  torTargets(): Promise<unknown> {
    return this.files.torTargets();
  }

  @Get('api/v1/test-list/psiphon-config')
  @ProbeToken()
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: Psiphon configuration (probe token required)' })
  psiphonConfig(): Promise<unknown> {
    return this.files.psiphonConfig();
  }
}
