import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { AppConfig } from '../../common/config/app-config';
import { badRequest } from '../../common/errors/api-error';
import { GeoipService } from '../../common/geoip/geoip.service';
import { RAW_BODY } from '../../common/http/body-parser';
import { CachedJson, NoCache } from '../../common/http/cache-control.decorator';
import {
  CheckReportIdResponseDto,
  OpenReportRequestDto,
  OpenReportResponseDto,
  SubmitMeasurementRequestDto,
  SubmitMeasurementResponseDto,
} from './dto/report.dto';
import { MeasurementSubmissionService, SubmissionResult } from './measurement-submission.service';
import { coerceProbeAsn, coerceProbeCc, generateReportId, reportTestName } from './report-id';

@ApiTags('ProbeServices')
@Controller()
export class ReportsController {
  constructor(
    private readonly config: AppConfig,
    private readonly submissions: MeasurementSubmissionService,
    private readonly geoip: GeoipService,
  ) {}

  @Post('report')
  @Public()
  @HttpCode(200)
  @NoCache()
  @ApiOperation({ summary: 'Probe Services: open report' })
  @ApiBody({ type: OpenReportRequestDto })
  @ApiOkResponse({ type: OpenReportResponseDto })
  openReport(@Body() body: unknown): OpenReportResponseDto {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('JSON expected');
    const data = body as { probe_cc?: unknown; probe_asn?: unknown; test_name?: unknown };
    const testName = reportTestName(data.test_name);
    if (testName === null) throw badRequest('Invalid test_name: 2 to 29 letters, digits or underscores expected');
    const reportId = generateReportId(
      testName,
      coerceProbeCc(data.probe_cc ?? 'ZZ'),
      coerceProbeAsn(data.probe_asn ?? 'AS0'),
      this.config.probe_services.collector_id,
    );
    return { backend_version: '1.3.5', supported_formats: ['yaml', 'json'], report_id: reportId };
  }

  @Post('report/:report_id')
  @Public()
  @HttpCode(200)
  @NoCache()
  @RouteConfig({ [RAW_BODY]: true })
  @ApiOperation({
    summary: 'Probe Services: submit a measurement',
    description: 'The body may be sent with Content-Encoding zstd or gzip. It is on disk before the answer.',
  })
  @ApiParam({ name: 'report_id', example: '20210208T162755Z_ndt_DZ_36947_n1_8swgXi7xNuRUyO9a' })
  @ApiBody({ type: SubmitMeasurementRequestDto })
  @ApiOkResponse({ type: SubmitMeasurementResponseDto })
  submitMeasurement(
    @Param('report_id') reportId: string,
    @Body() raw: unknown,
    @Headers('content-encoding') contentEncoding: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<SubmissionResult> {
    const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
    const geo = this.geoip.lookup(this.geoip.clientIp(request));
    return this.submissions.submit(reportId, body, contentEncoding, geo);
  }

  @Post('report/:report_id/close')
  @Public()
  @HttpCode(200)
  @CachedJson(3600)
  @ApiOperation({ summary: 'Probe Services: close a report (kept for old probes; nothing to do)' })
  @ApiParam({ name: 'report_id' })
  closeReport(): Record<string, never> {
    return {};
  }

  @Get('api/_/check_report_id')
  @Public()
  @CachedJson(3600)
  @ApiOperation({ summary: 'Legacy: always answers found=true (report ids are not stored)' })
  @ApiQuery({ name: 'report_id', required: false })
  @ApiOkResponse({ type: CheckReportIdResponseDto })
  checkReportId(@Query('report_id') _reportId?: string): CheckReportIdResponseDto {
    return { v: 0, found: true };
  }
}
