import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Public } from '../../common/auth/public.decorator';
import { ServerCached } from '../../common/cache/server-cached.decorator';
import { badRequest } from '../../common/errors/api-error';
import { DAY_S, HOUR_S } from './cache-lifetimes';
import {
  asnNumber,
  ImStatsQueryDto,
  ProbeCcQueryDto,
  WebsiteStatsQueryDto,
  WebsiteUrlsQueryDto,
} from './dto/stats-query.dto';
import {
  AsnCountsResponseDto,
  CircumventionByCountryResponseDto,
  CircumventionRuntimeResponseDto,
  ImStatsResponseDto,
  ImTestNetworksDto,
  VanillaTorStatsResponseDto,
  WebsiteStatsResponseDto,
  WebsiteUrlsResponseDto,
} from './dto/stats-response.dto';
import {
  ImTestNetworks,
  NetworkStatsService,
  PageMetadata,
  RuntimeStat,
  VanillaTorStats,
} from './network-stats.service';
import { AsnCountRow, CircumventionCountRow, WebsiteDayRow, WebsiteUrlRow } from './private-stats.types';
import { IM_TEST_NAMES } from './test-catalog';

/** Per-network statistics of a country (legacy `private.py`; the 0 s routes are not cached, as in the legacy). */
@ApiTags('Private statistics')
@ApiExtraModels(ImTestNetworksDto)
@Controller('api/_')
export class NetworkStatsController {
  constructor(private readonly stats: NetworkStatsService) {}

  @Get('website_networks')
  @Public()
  @ServerCached(0)
  @ApiOperation({ summary: 'Web connectivity measurements per network of a country, last 31 days' })
  @ApiOkResponse({ type: AsnCountsResponseDto })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc' })
  async privateWebsiteNetworks(@Query() q: ProbeCcQueryDto): Promise<{ results: AsnCountRow[] }> {
    return { results: await this.stats.websiteNetworks(q.probe_cc) };
  }

  @Get('website_stats')
  @Public()
  @ServerCached(0)
  @ApiOperation({ summary: 'Outcomes of one URL per day on one network, last 31 days' })
  @ApiOkResponse({ type: WebsiteStatsResponseDto })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc / probe_asn' })
  async privateWebsiteStats(@Query() q: WebsiteStatsQueryDto): Promise<{ results: WebsiteDayRow[] }> {
    return { results: await this.stats.websiteStats(q.probe_cc, asnNumber(q.probe_asn), q.input) };
  }

  @Get('website_urls')
  @Public()
  @ServerCached(HOUR_S)
  @ApiOperation({ summary: 'URLs tested on one network, most confirmed first, with paging' })
  @ApiOkResponse({ type: WebsiteUrlsResponseDto })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc / probe_asn, invalid limit / offset' })
  privateWebsiteUrls(@Query() q: WebsiteUrlsQueryDto): Promise<{ metadata: PageMetadata; results: WebsiteUrlRow[] }> {
    const limit = q.limit === undefined || q.limit <= 0 ? 10 : q.limit;
    return this.stats.websiteUrls(q.probe_cc, asnNumber(q.probe_asn), limit, q.offset ?? 0);
  }

  @Get('vanilla_tor_stats')
  @Public()
  @ServerCached(0)
  @ApiOperation({ summary: 'vanilla_tor outcomes per network of a country, last 6 months' })
  @ApiOkResponse({ type: VanillaTorStatsResponseDto })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc' })
  privateVanillaTorStats(@Query() q: ProbeCcQueryDto): Promise<VanillaTorStats> {
    return this.stats.vanillaTorStats(q.probe_cc);
  }

  @Get('im_networks')
  @Public()
  @ServerCached(HOUR_S)
  @ApiOperation({ summary: 'Networks that ran each instant messaging test, last 31 days; keyed by test name' })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: { $ref: getSchemaPath(ImTestNetworksDto) } } })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc' })
  privateImNetworks(@Query() q: ProbeCcQueryDto): Promise<Record<string, ImTestNetworks>> {
    return this.stats.imNetworks(q.probe_cc);
  }

  @Get('im_stats')
  @Public()
  @ServerCached(HOUR_S)
  @ApiOperation({ summary: 'Daily measurements of one instant messaging test on one network, last 31 days' })
  @ApiOkResponse({ type: ImStatsResponseDto })
  @ApiBadRequestResponse({ description: 'invalid test_name, missing or incorrect probe_cc / probe_asn' })
  async privateImStats(@Query() q: ImStatsQueryDto): Promise<ImStatsResponseDto> {
    if (!IM_TEST_NAMES.includes(q.test_name)) throw badRequest('invalid test_name');
    return { results: await this.stats.imStats(q.probe_cc, asnNumber(q.probe_asn), q.test_name) };
  }

  @Get('circumvention_stats_by_country')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Circumvention tool measurements per country, last 6 months' })
  @ApiOkResponse({ type: CircumventionByCountryResponseDto })
  async privateCircumventionStatsByCountry(): Promise<{ v: 0; results: CircumventionCountRow[] }> {
    return { v: 0, results: await this.stats.circumventionByCountry() };
  }

  @Get('circumvention_runtime_stats')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Circumvention tool runtimes (p50, p90, count) per day, country and tool, last 6 months' })
  @ApiOkResponse({ type: CircumventionRuntimeResponseDto })
  privateCircumventionRuntimeStats(): Promise<{ v: 0; results: RuntimeStat[] }> {
    return this.stats.circumventionRuntimesAnswer();
  }
}
