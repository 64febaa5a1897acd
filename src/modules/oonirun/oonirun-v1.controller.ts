import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SessionClaims } from '../../common/auth/auth.types';
import { CurrentAccount } from '../../common/auth/current-account.decorator';
import { OptionalSession } from '../../common/auth/optional-session.decorator';
import { Authenticated } from '../../common/auth/roles.decorator';
import { badRequest } from '../../common/errors/api-error';
import { CachedJson, NoCache } from '../../common/http/cache-control.decorator';
import { splitCommaList } from '../../common/validation/comma-list';
import { nonEmpty, RawQuery } from '../../common/validation/query-params';
import { V1ArchiveResponseDto, V1CreateResponseDto, V1DescriptorResponseDto, V1ListResponseDto } from './dto/v1.dto';
import { parseLinkId } from './link-params';
import { OonirunV1Service, V1Descriptor, V1ListItem } from './oonirun-v1.service';

const CREATION_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const MAX_LIST_IDS = 1000;

/** Legacy flags: any non-empty value is true (`bool(request.args.get(...))`). */
const flag = (query: RawQuery, name: string): boolean => nonEmpty(query, name) !== undefined;

function linkIds(query: RawQuery): string[] | undefined {
  const raw = nonEmpty(query, 'ooni_run_link_id') ?? nonEmpty(query, 'ids');
  if (raw === undefined) return undefined;
  const ids = splitCommaList(raw, { unique: false });
  if (ids.length > MAX_LIST_IDS) throw badRequest('Incorrect parameter used');
  return ids.map((id) => {
    if (!/^\d{1,19}$/.test(id)) throw badRequest('Incorrect parameter used');
    return BigInt(id).toString();
  });
}

/** Legacy OONI Run descriptors (the seed's `/api/_/ooni_run/*`), over the v2 links' rows. */
@ApiTags('OONI Run')
@Controller('api/_/ooni_run')
export class OonirunV1Controller {
  constructor(private readonly v1: OonirunV1Service) {}

  @Post('create')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Create a descriptor, or a new version of your own (ooni_run_link_id)' })
  @ApiQuery({ name: 'ooni_run_link_id', required: false })
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: V1CreateResponseDto })
  async createOonirun(
    @Body() body: unknown,
    @Query() query: RawQuery,
    @CurrentAccount() account: SessionClaims,
  ): Promise<{ v: 1; ooni_run_link_id: number | string }> {
    const raw = nonEmpty(query, 'ooni_run_link_id');
    const id = await this.v1.create(body, raw === undefined ? undefined : parseLinkId(raw), account);
    return { v: 1, ooni_run_link_id: Number.isSafeInteger(Number(id)) ? Number(id) : id };
  }

  @Post('archive/:ooni_run_link_id')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Archive a descriptor and all its versions (owner or admin)' })
  @ApiParam({ name: 'ooni_run_link_id', example: '10000' })
  @ApiOkResponse({ type: V1ArchiveResponseDto })
  async archiveOonirun(
    @Param('ooni_run_link_id') id: string,
    @CurrentAccount() account: SessionClaims,
  ): Promise<{ v: 1 }> {
    await this.v1.archive(parseLinkId(id), account);
    return { v: 1 };
  }

  @Get('fetch/:ooni_run_link_id')
  @OptionalSession()
  @CachedJson(3600)
  @ApiOperation({ summary: 'The newest descriptor, or the one of creation_time' })
  @ApiParam({ name: 'ooni_run_link_id', example: '10000' })
  @ApiQuery({ name: 'creation_time', required: false, example: '2023-06-02T12:33:43.123Z' })
  @ApiOkResponse({ type: V1DescriptorResponseDto })
  fetchOonirunDescriptor(
    @Param('ooni_run_link_id') id: string,
    @Query() query: RawQuery,
    @CurrentAccount() account: SessionClaims | undefined,
  ): Promise<V1Descriptor> {
    const raw = nonEmpty(query, 'creation_time');
    if (raw !== undefined && !CREATION_TIME_RE.test(raw)) throw badRequest('Invalid creation_time');
    const creationTime = raw === undefined ? undefined : Date.parse(raw);
    return this.v1.fetch(parseLinkId(id), creationTime, account?.account_id);
  }

  @Get('list')
  @OptionalSession()
  @NoCache()
  @ApiOperation({ summary: 'List descriptors (every version unless only_latest)' })
  @ApiQuery({ name: 'ooni_run_link_id', required: false, description: 'comma separated ids' })
  @ApiQuery({ name: 'only_latest', required: false, type: Boolean })
  @ApiQuery({ name: 'only_mine', required: false, type: Boolean })
  @ApiQuery({ name: 'include_archived', required: false, type: Boolean })
  @ApiOkResponse({ type: V1ListResponseDto })
  async listOonirunDescriptors(
    @Query() query: RawQuery,
    @CurrentAccount() account: SessionClaims | undefined,
  ): Promise<{ v: 1; descriptors: V1ListItem[] }> {
    const filter = {
      linkIds: linkIds(query),
      onlyLatest: flag(query, 'only_latest'),
      onlyMine: flag(query, 'only_mine'),
      includeArchived: flag(query, 'include_archived'),
    };
    return { v: 1, descriptors: await this.v1.list(filter, account?.account_id) };
  }
}
