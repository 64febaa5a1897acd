import { Controller, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/roles.decorator';
import { ApiError, notFound } from '../../common/errors/api-error';
import { RunJobQueryDto } from './dto/run-job.query.dto';
import { UploaderSummaryDto } from './dto/uploader-summary.dto';
import { SpoolLockedError } from './uploader/spool-lock';
import { UploaderBusyError, UploaderService } from './uploader/uploader.service';

@ApiTags('Admin')
@Controller('api/_/admin/run-job')
export class JobsController {
  constructor(private readonly uploader: UploaderService) {}

  @Post(':job')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run a scheduled job now and wait for it (jobs: uploader)' })
  @ApiOkResponse({ type: UploaderSummaryDto })
  @ApiNotFoundResponse({ description: 'Unknown job' })
  @ApiConflictResponse({ description: 'The job is already running' })
  async runJob(@Param('job') job: string, @Query() q: RunJobQueryDto): Promise<UploaderSummaryDto> {
    if (job !== 'uploader') throw notFound('Unknown job');
    try {
      return await this.uploader.run({ all: q.all ?? false });
    } catch (err) {
      if (err instanceof UploaderBusyError || err instanceof SpoolLockedError) {
        throw new ApiError(err.message, HttpStatus.CONFLICT);
      }
      throw err;
    }
  }
}
