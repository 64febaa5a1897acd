import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { ServerCached } from '../../common/cache/server-cached.decorator';
import { AppConfig } from '../../common/config/app-config';
import { ApiError, badRequest, notFound } from '../../common/errors/api-error';
import { CachedJson } from '../../common/http/cache-control.decorator';
import { nonEmpty, param, RawQuery } from '../../common/validation/query-params';
import { MeasurementMetaDto, SearchResponseDto } from './dto/measurements.dto';
import { MeasurementBodyService } from './measurement-body.service';
import { MeasurementMeta, MeasurementsService, SearchResponse } from './measurements.service';
import { ORDER_BY_COLUMNS, parseSearchParams } from './search-params';

const UID_RE = /^[A-Za-z0-9._-]{10,100}$/;

// Old Android probes (okhttp) called this endpoint and need exactly this (ooni/probe#1034).
const OKHTTP_RESPONSE: SearchResponse = {
  metadata: { count: 1, current_page: 1, limit: 100, next_url: null, offset: 0, pages: 1, query_time: 0.001 },
  results: [{ measurement_url: '' } as SearchResponse['results'][number]],
};

/** Old Android probes (okhttp user agent) get OKHTTP_RESPONSE, never a cached search. */
const isOkhttp = (userAgent: string | undefined): boolean => userAgent?.startsWith('okhttp') ?? false;

/** Explorer's default searches repeat: one query per question and lifetime, shared by concurrent askers. */
export const searchCacheTtl = (config: AppConfig, request: FastifyRequest): number =>
  isOkhttp(request.headers['user-agent']) ? 0 : config.response_cache.search_s;

function validUid(value: string | undefined): string | undefined {
  return value !== undefined && UID_RE.test(value) ? value : undefined;
}

function reportIdParam(query: RawQuery): string {
  const rid = nonEmpty(query, 'report_id');
  if (!rid || rid.length < 15 || rid.length > 100 || !/^[A-Za-z0-9_]+$/.test(rid)) {
    throw badRequest('Invalid report_id');
  }
  return rid;
}

@ApiTags('Measurements')
@Controller()
export class MeasurementsController {
  constructor(
    private readonly measurements: MeasurementsService,
    private readonly bodies: MeasurementBodyService,
  ) {}

  @Get('api/v1/measurements')
  @Public()
  @ServerCached(searchCacheTtl)
  @ApiOperation({ summary: 'Search measurements (database only), with paging' })
  @ApiQuery({ name: 'report_id', required: false })
  @ApiQuery({ name: 'input', required: false, description: 'overrides domain and category_code' })
  @ApiQuery({ name: 'domain', required: false })
  @ApiQuery({ name: 'probe_cc', required: false, example: 'IT' })
  @ApiQuery({ name: 'probe_asn', required: false, example: 'AS3269' })
  @ApiQuery({ name: 'test_name', required: false })
  @ApiQuery({ name: 'category_code', required: false })
  @ApiQuery({ name: 'since', required: false, description: 'exclusive; default: until - 30 days' })
  @ApiQuery({ name: 'until', required: false, description: 'inclusive; default: end of today' })
  @ApiQuery({ name: 'confirmed', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'anomaly', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'failure', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'software_version', required: false, description: 'comma separated' })
  @ApiQuery({ name: 'test_version', required: false, description: 'comma separated' })
  @ApiQuery({ name: 'engine_version', required: false, description: 'comma separated' })
  @ApiQuery({ name: 'ooni_run_link_id', required: false })
  @ApiQuery({ name: 'order_by', required: false, enum: ORDER_BY_COLUMNS })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc', 'ASC', 'DESC'] })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: 'default 100, at most 1000' })
  @ApiOkResponse({ type: SearchResponseDto })
  async listMeasurements(
    @Query() query: RawQuery,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SearchResponse> {
    if (isOkhttp(userAgent)) {
      void reply.header('cache-control', 'no-cache');
      return OKHTTP_RESPONSE;
    }
    const filters = parseSearchParams(query);
    void reply.header('cache-control', 'max-age=60');
    return this.measurements.search(filters, query);
  }

  @Get('api/v1/measurement/:measurement_uid')
  @Public()
  @ApiOperation({ summary: 'One measurement body by measurement_uid' })
  @ApiParam({ name: 'measurement_uid' })
  @ApiQuery({ name: 'download', required: false, type: Boolean, description: 'serve as a file download' })
  @ApiOkResponse({ description: 'The measurement (JSON)' })
  async getMeasurement(
    @Param('measurement_uid') measurementUid: string,
    @Query() query: RawQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const uid = validUid(measurementUid);
    const body = uid ? await this.bodies.find(uid) : null;
    if (!body) throw badRequest('Incorrect or inexistent measurement_uid');
    void reply.header('content-type', 'application/json').header('cache-control', 'max-age=3600');
    if (param(query, 'download')?.toLowerCase() === 'true') {
      void reply.header('content-disposition', `attachment; filename=ooni_measurement-${uid}.json`);
    }
    await reply.send(body);
  }

  @Get('api/v1/raw_measurement')
  @Public()
  @ApiOperation({ summary: 'Raw measurement body by measurement_uid, or by report_id + input' })
  @ApiQuery({ name: 'measurement_uid', required: false })
  @ApiQuery({ name: 'report_id', required: false })
  @ApiQuery({ name: 'input', required: false })
  @ApiOkResponse({ description: 'The measurement (JSON), or {} when unknown' })
  async getRawMeasurement(@Query() query: RawQuery, @Res() reply: FastifyReply): Promise<void> {
    const meta = await this.lookupMeta(query);
    const body = meta ? await this.bodies.find(meta.measurement_uid) : null;
    await reply
      .header('content-type', 'application/json')
      .header('cache-control', `max-age=${24 * 3600}`)
      .send(body ?? '{}');
  }

  @Get('api/v1/measurement_meta')
  @Public()
  @CachedJson(60)
  @ApiOperation({ summary: 'Metadata of one measurement by measurement_uid, or by report_id + input' })
  @ApiQuery({ name: 'measurement_uid', required: false })
  @ApiQuery({ name: 'report_id', required: false })
  @ApiQuery({ name: 'input', required: false })
  @ApiQuery({ name: 'full', required: false, type: Boolean, description: 'include raw_measurement' })
  @ApiOkResponse({ type: MeasurementMetaDto })
  async getMeasurementMeta(
    @Query() query: RawQuery,
  ): Promise<MeasurementMeta | (MeasurementMeta & { raw_measurement: string }) | Record<string, string>> {
    const meta = await this.lookupMeta(query);
    const full = ['true', '1', 'yes'].includes((param(query, 'full') ?? '').toLowerCase());
    if (!full) return meta ?? {};
    if (!meta) return { raw_measurement: '' };
    const body = await this.bodies.find(meta.measurement_uid);
    return { ...meta, raw_measurement: body ? body.toString('utf8') : '' };
  }

  /** Other API hosts read fresh (not yet uploaded) measurements from this host's spool. */
  @Get('measurement_spool/:bucket/:file')
  @Public()
  @ApiExcludeEndpoint()
  async getSpooledMeasurement(
    @Param('bucket') bucket: string,
    @Param('file') file: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const uid = file.endsWith('.post') ? validUid(file.slice(0, -'.post'.length)) : undefined;
    const post = uid && uid.startsWith(`${bucket.slice(0, 10)}`) ? await this.bodies.rawPost(uid) : null;
    if (!post) throw notFound();
    await reply.header('content-type', 'application/json').header('cache-control', 'no-cache').send(post);
  }

  private async lookupMeta(query: RawQuery): Promise<MeasurementMeta | undefined> {
    const uidParam = nonEmpty(query, 'measurement_uid');
    if (uidParam !== undefined) {
      const uid = validUid(uidParam);
      if (!uid) throw new ApiError('Invalid measurement_uid field');
      return this.measurements.meta({ measurementUid: uid });
    }
    const reportId = reportIdParam(query);
    const input = nonEmpty(query, 'input') ?? '';
    return this.measurements.meta({ reportId, input });
  }
}
