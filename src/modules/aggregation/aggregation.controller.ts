import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { ServerCached } from '../../common/cache/server-cached.decorator';
import { AppConfig } from '../../common/config/app-config';
import { parseAggregationParams, parseTorsfParams } from './aggregation.params';
import { AggregationJson, AggregationService, Rendered, TorsfStatsJson } from './aggregation.service';
import { AggregationQueryDto } from './dto/aggregation.query.dto';
import { AggregationResponseDto, AggregationResultDto, TorsfStatsResponseDto } from './dto/aggregation.response.dto';
import { TorsfStatsQueryDto } from './dto/torsf-stats.query.dto';

/** Cache-Control depends on the requested range, so it is set per response rather than per route. */
function send<T>(reply: FastifyReply, rendered: Rendered<T>): T | string {
  void reply.header('Cache-Control', `max-age=${rendered.maxAgeS}`);
  if (rendered.filename !== undefined) {
    void reply.header('Content-Disposition', `attachment; filename=${rendered.filename}`);
  }
  if (rendered.kind === 'csv') void reply.header('Content-Type', 'text/csv; charset=utf-8');
  return rendered.body;
}

@ApiTags('Aggregation')
@ApiExtraModels(AggregationResultDto)
@Controller()
export class AggregationController {
  constructor(private readonly aggregation: AggregationService) {}

  @Get('api/v1/aggregation')
  @Public()
  // Kept at most as long as the answer's own Cache-Control lifetime (set by send).
  @ServerCached((config: AppConfig) => config.response_cache.aggregation_s)
  @ApiOperation({
    summary: 'Aggregate counters data',
    description:
      'Counts of measurements by up to two axes (MAT). since is inclusive, until exclusive; the ' +
      'measurement_start_day axis needs both. Errors are 400 {"error": msg, "v": 0}.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AggregationResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid parameter' })
  async getAggregated(
    @Query() q: AggregationQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AggregationJson | string> {
    const params = parseAggregationParams(q as Record<string, unknown>);
    return send(reply, await this.aggregation.aggregate(params));
  }

  @Get('api/v1/torsf_stats')
  @Public()
  @ApiOperation({
    summary: 'Tor Pluggable Transports statistics',
    description: 'torsf measurement counters by day and country. since is exclusive, until inclusive (legacy).',
  })
  @ApiOkResponse({ type: TorsfStatsResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid parameter' })
  async getTorsfStats(
    @Query() q: TorsfStatsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TorsfStatsJson | string> {
    return send(reply, await this.aggregation.torsfStats(parseTorsfParams(q as Record<string, unknown>)));
  }
}
