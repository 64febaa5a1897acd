import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SessionClaims } from '../../../common/auth/auth.types';
import { CurrentAccount } from '../../../common/auth/current-account.decorator';
import { Authenticated } from '../../../common/auth/roles.decorator';
import {
  SubmitResponseDto,
  TestListChangeDto,
  UpdateUrlRequestDto,
  UpdateUrlResponseDto,
  UserTestListResponseDto,
} from './dto/url-submission.dto';
import { UrlSubmissionService } from './url-submission.service';

/** The Test List Editor's URL submission (legacy citizenlab.py), for any logged-in account. */
@ApiTags('CitizenLab')
@ApiExtraModels(TestListChangeDto)
@Controller()
export class UrlSubmissionController {
  constructor(private readonly submissions: UrlSubmissionService) {}

  @Get('api/_/url-submission/test-list/:country_code')
  @Authenticated()
  @ApiOperation({ summary: 'A test list as the account sees it: with its pending changes, the state, the PR URL' })
  @ApiOkResponse({ type: UserTestListResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid country code' })
  @ApiConflictResponse({ description: 'Another request of this account is in progress' })
  getUserTestList(
    @CurrentAccount() account: SessionClaims,
    @Param('country_code') countryCode: string,
  ): Promise<UserTestListResponseDto> {
    return this.submissions.testList(account.account_id, countryCode);
  }

  @Post('api/v1/url-submission/update-url')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: "Add, edit or delete one URL of a test list in the account's working copy" })
  @ApiOkResponse({ type: UpdateUrlResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid entry, duplicate URL or stale old_entry' })
  async updateUrl(
    @CurrentAccount() account: SessionClaims,
    @Body() body: UpdateUrlRequestDto,
  ): Promise<UpdateUrlResponseDto> {
    const entry = await this.submissions.updateUrl(account.account_id, { ...body, comment: body.comment ?? '' });
    return { updated_entry: entry };
  }

  @Post('api/v1/url-submission/submit')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: "Push the account's changes and open a pull request on the test lists repository" })
  @ApiOkResponse({ type: SubmitResponseDto })
  @ApiBadRequestResponse({ description: 'No changes to submit' })
  async submitChanges(@CurrentAccount() account: SessionClaims): Promise<SubmitResponseDto> {
    return { pr_id: await this.submissions.submit(account.account_id) };
  }
}
