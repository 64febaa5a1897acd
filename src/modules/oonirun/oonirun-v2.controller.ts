import { Body, Controller, Get, Header, Headers, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SessionClaims } from '../../common/auth/auth.types';
import { CurrentAccount } from '../../common/auth/current-account.decorator';
import { OptionalSession } from '../../common/auth/optional-session.decorator';
import { Public } from '../../common/auth/public.decorator';
import { Authenticated } from '../../common/auth/roles.decorator';
import { ApiError } from '../../common/errors/api-error';
import { NoCache } from '../../common/http/cache-control.decorator';
import { RawQuery } from '../../common/validation/query-params';
import { validateBody } from '../../common/validation/validate-body';
import { EngineDescriptorRequestDto } from './dto/engine-descriptor-request.dto';
import { LinkRequestDto } from './dto/link-request.dto';
import {
  EngineDescriptorResponseDto,
  LinkListResponseDto,
  LinkResponseDto,
  RevisionsResponseDto,
} from './dto/link-response.dto';
import { EngineDescriptorService } from './engine-descriptor.service';
import { boolQuery, parseLinkId, parseRevision } from './link-params';
import { OonirunLinksService } from './oonirun-links.service';
import { EngineDescriptor, OonirunLink } from './oonirun.types';

// The v2 service's optional `useragent` header (not User-Agent): six comma separated fields.
const USERAGENT_RE = /^[\w-]+,[\w.-]+,[a-zA-Z0-9 ]+,[\w-]+,[\w.-]+,[\w.-]+$/;

@ApiTags('OONI Run')
@Controller('api/v2/oonirun/links')
export class OonirunV2Controller {
  constructor(
    private readonly links: OonirunLinksService,
    private readonly engine: EngineDescriptorService,
  ) {}

  @Post()
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Create an OONI Run link (logged-in users; author must be their email address)' })
  @ApiBody({ type: LinkRequestDto })
  @ApiOkResponse({ type: LinkResponseDto })
  createOonirunLink(@Body() body: unknown, @CurrentAccount() account: SessionClaims): Promise<OonirunLink> {
    return this.links.create(validateBody(LinkRequestDto, body, HttpStatus.UNPROCESSABLE_ENTITY), account);
  }

  @Put(':oonirun_link_id')
  @Authenticated()
  @ApiOperation({ summary: 'Edit a link (owner or admin): new nettests make a new revision' })
  @ApiParam({ name: 'oonirun_link_id', example: '10000' })
  @ApiBody({ type: LinkRequestDto })
  @ApiOkResponse({ type: LinkResponseDto })
  editOonirunLink(
    @Param('oonirun_link_id') id: string,
    @Body() body: unknown,
    @CurrentAccount() account: SessionClaims,
  ): Promise<OonirunLink> {
    const link = validateBody(LinkRequestDto, body, HttpStatus.UNPROCESSABLE_ENTITY);
    return this.links.edit(parseLinkId(id), link, account);
  }

  @Get()
  @OptionalSession()
  @NoCache()
  @ApiOperation({ summary: 'List links: not expired unless is_expired=true; is_mine=true needs a session' })
  @ApiQuery({ name: 'is_mine', required: false, type: Boolean, description: 'only the caller links' })
  @ApiQuery({ name: 'is_expired', required: false, type: Boolean, description: 'include expired links' })
  @ApiQuery({
    name: 'only_latest',
    required: false,
    type: Boolean,
    description: 'false: every revision (default true)',
  })
  @ApiOkResponse({ type: LinkListResponseDto })
  async listOonirunLinks(
    @Query() query: RawQuery,
    @CurrentAccount() account: SessionClaims | undefined,
  ): Promise<{ oonirun_links: OonirunLink[] }> {
    const filter = {
      isMine: boolQuery(query, 'is_mine', false),
      includeExpired: boolQuery(query, 'is_expired', false),
      onlyLatest: boolQuery(query, 'only_latest', true),
    };
    return { oonirun_links: await this.links.list(filter, account?.account_id) };
  }

  @Get(':oonirun_link_id')
  @OptionalSession()
  @NoCache()
  @ApiOperation({ summary: 'The latest revision of a link' })
  @ApiParam({ name: 'oonirun_link_id', example: '10000' })
  @ApiOkResponse({ type: LinkResponseDto })
  getLatestOonirunLink(
    @Param('oonirun_link_id') id: string,
    @CurrentAccount() account: SessionClaims | undefined,
  ): Promise<OonirunLink> {
    return this.links.get(parseLinkId(id), null, account?.account_id);
  }

  @Get(':oonirun_link_id/revisions')
  @Public()
  @NoCache()
  @ApiOperation({ summary: 'Revision numbers of a link, newest first' })
  @ApiParam({ name: 'oonirun_link_id', example: '10000' })
  @ApiOkResponse({ type: RevisionsResponseDto })
  async getOonirunLinkRevisions(@Param('oonirun_link_id') id: string): Promise<{ revisions: string[] }> {
    return { revisions: await this.links.revisions(parseLinkId(id)) };
  }

  @Get(':oonirun_link_id/full-descriptor/:revision_number')
  @OptionalSession()
  @NoCache()
  @ApiOperation({ summary: 'A revision (or latest) of a link with the latest metadata' })
  @ApiParam({ name: 'oonirun_link_id', example: '10000' })
  @ApiParam({ name: 'revision_number', example: 'latest' })
  @ApiOkResponse({ type: LinkResponseDto })
  getOonirunLinkRevision(
    @Param('oonirun_link_id') id: string,
    @Param('revision_number') revision: string,
    @CurrentAccount() account: SessionClaims | undefined,
  ): Promise<OonirunLink> {
    return this.links.get(parseLinkId(id), parseRevision(revision), account?.account_id);
  }

  @Post(':oonirun_link_id/engine-descriptor/:revision_number')
  @HttpCode(200)
  @Public()
  @NoCache()
  @Header('Vary', 'X-OONI-Credentials')
  @ApiOperation({ summary: 'What a probe runs: the nettests of a revision, targets_name inputs computed for it' })
  @ApiParam({ name: 'oonirun_link_id', example: '10000' })
  @ApiParam({ name: 'revision_number', example: 'latest' })
  @ApiHeader({ name: 'useragent', required: false, description: 'software,version,platform,engine,version,full' })
  @ApiBody({ type: EngineDescriptorRequestDto })
  @ApiOkResponse({ type: EngineDescriptorResponseDto })
  getOonirunLinkEngineDescriptor(
    @Param('oonirun_link_id') id: string,
    @Param('revision_number') revision: string,
    @Body() body: unknown,
    @Headers('useragent') useragent: string | undefined,
  ): Promise<EngineDescriptor> {
    if (useragent !== undefined && !USERAGENT_RE.test(useragent)) {
      throw new ApiError(
        'Expected format: <software_name>,<software_version>,<platform>,<engine_name>,<engine_version>,<engine_version_full>',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    const probe = validateBody(EngineDescriptorRequestDto, body, HttpStatus.UNPROCESSABLE_ENTITY);
    return this.engine.engineDescriptor(parseLinkId(id), parseRevision(revision), probe);
  }
}
