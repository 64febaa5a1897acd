import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Roles } from '../../common/auth/roles.decorator';
import { ApiError, notFound } from '../../common/errors/api-error';
import { JobsListDto } from './dto/job-status.dto';
import { RunJobQueryDto } from './dto/run-job.query.dto';
import { UploaderSummaryDto } from './dto/uploader-summary.dto';
import { JobBusyError, UnknownJobError } from './registry/job-errors';
import { JobRunner } from './registry/job-runner';
import { JobsStatusService } from './registry/jobs-status.service';

@ApiTags('Admin')
@Controller('api/_/admin')
export class JobsController {
  constructor(
    private readonly runner: JobRunner,
    private readonly status: JobsStatusService,
  ) {}

  @Get('jobs')
  @Roles('admin')
  @ApiOperation({
    summary: 'Scheduled jobs: schedule, whether running, last run (start, end, outcome, error), next run',
  })
  @ApiOkResponse({ type: JobsListDto })
  async listJobs(): Promise<JobsListDto> {
    return { jobs: await this.status.list() };
  }

  @Post('run-job/:job')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run a scheduled job now and wait for it; answers its summary (e.g. the uploader’s)' })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(UploaderSummaryDto) }, { type: 'object' }] } })
  @ApiNotFoundResponse({ description: 'Unknown job' })
  @ApiConflictResponse({ description: 'The job is already running' })
  @ApiInternalServerErrorResponse({ description: 'The run failed: `{"error": "job <job> failed: <cause>"}`' })
  async runJob(@Param('job') job: string, @Query() q: RunJobQueryDto): Promise<unknown> {
    try {
      return (await this.runner.run(job, { all: q.all ?? false })) ?? {};
    } catch (err) {
      if (err instanceof UnknownJobError) throw notFound('Unknown job');
      if (err instanceof JobBusyError) throw new ApiError(err.message, HttpStatus.CONFLICT);
      // Recorded with its error (GET /api/_/admin/jobs); admins see the cause here too.
      throw new ApiError(`job ${job} failed: ${err instanceof Error ? err.message : String(err)}`, 500);
    }
  }
}
