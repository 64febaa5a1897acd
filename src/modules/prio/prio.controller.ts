import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { rowsToCsv } from '../../common/csv/rows-to-csv';
import { badRequest } from '../../common/errors/api-error';
import { CachedJson } from '../../common/http/cache-control.decorator';
import { parseAsn } from '../../common/validation/asn';
import { splitCommaList } from '../../common/validation/comma-list';
import { DebugPrioritizationQueryDto } from './dto/debug-prioritization.query.dto';
import { CountryPriorityRowDto, DebugPrioritizationResponseDto } from './dto/debug-prioritization.response.dto';
import { MAX_TEST_LIST_LIMIT } from './dto/prio-list.query.dto';
import { ShowCountriesPrioritizationQueryDto } from './dto/show-countries-prioritization.query.dto';
import { TestListUrlsQueryDto } from './dto/test-list-urls.query.dto';
import { TestListUrlsResponseDto } from './dto/test-list-urls.response.dto';
import { UpdateUrlPriorityRequestDto, UrlPrioritiesListResponseDto } from './dto/url-priority.dto';
import { DebugPrioritization, PrioService } from './prio.service';
import { CountryPriorityRow } from './prio.types';

/** Legacy `category_codes`: comma separated, trimmed, upper-cased, empties and duplicates dropped. */
const categoryCodesOf = (raw: string | undefined): string[] => [
  ...new Set(splitCommaList(raw ?? '').map((c) => c.toUpperCase())),
];

/** Legacy: absent or -1 means the whole list (9999). */
const effectiveLimit = (limit: number | undefined): number =>
  limit === undefined || limit === -1 ? MAX_TEST_LIST_LIMIT : limit;

/** Absent: every network (0). */
function probeAsnOf(raw: string | undefined): number {
  if (!raw) return 0;
  const asn = parseAsn(raw);
  if (asn === null) throw badRequest('Invalid ASN value in parameter probe_asn');
  return asn;
}

@ApiTags('Prioritization')
@Controller()
export class PrioController {
  constructor(private readonly prio: PrioService) {}

  @Get('api/v1/test-list/urls')
  @Public()
  @CachedJson(1)
  @ApiOperation({ summary: 'Generate test URL list with prioritization' })
  @ApiOkResponse({ type: TestListUrlsResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid parameter' })
  async listTestUrls(@Query() q: TestListUrlsQueryDto): Promise<TestListUrlsResponseDto> {
    const results = await this.prio.generateTestList({
      probeCc: (q.country_code || q.probe_cc || 'ZZ').toUpperCase(),
      // Legacy ignores the network here: counts of the whole country.
      probeAsn: 0,
      categoryCodes: categoryCodesOf(q.category_codes),
      limit: effectiveLimit(q.limit),
      debug: ['true', '1', 'yes'].includes((q.debug ?? '').toLowerCase()),
    });
    // Paging fields are constants kept for old clients.
    return { metadata: { count: results.length, current_page: -1, limit: -1, next_url: '', pages: 1 }, results };
  }

  @Get('api/_/debug_prioritization')
  @Public()
  @CachedJson(0)
  @ApiOperation({ summary: 'Generate prioritization debug data' })
  @ApiOkResponse({ type: DebugPrioritizationResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid parameter' })
  debugPrioritization(@Query() q: DebugPrioritizationQueryDto): Promise<DebugPrioritization> {
    return this.prio.debugPrioritization({
      probeCc: (q.probe_cc || 'ZZ').toUpperCase(),
      probeAsn: probeAsnOf(q.probe_asn),
      categoryCodes: categoryCodesOf(q.category_codes),
      limit: effectiveLimit(q.limit),
    });
  }

  @Get('api/_/show_countries_prioritization')
  @Public()
  @CachedJson(1)
  @ApiOperation({ summary: 'Show computed priorities of every CitizenLab URL, by country' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [CountryPriorityRowDto] })
  @ApiBadRequestResponse({ description: 'Invalid format' })
  async showCountriesPrioritization(
    @Query() q: ShowCountriesPrioritizationQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CountryPriorityRow[] | string> {
    const rows = await this.prio.showCountriesPrioritization();
    if ((q.format ?? 'JSON').toUpperCase() === 'CSV') {
      void reply.header('content-type', 'text/csv; charset=utf-8');
      return rowsToCsv(rows);
    }
    return rows;
  }

  @Get('api/_/url-priorities/list')
  @Roles('admin')
  @ApiOperation({ summary: 'List URL priority rules' })
  @ApiOkResponse({ type: UrlPrioritiesListResponseDto })
  async listUrlPriorities(): Promise<UrlPrioritiesListResponseDto> {
    return { rules: await this.prio.listRules() };
  }

  @Post('api/_/url-priorities/update')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Add/update/delete an URL priority rule. Empty old_entry: create new rule.',
    description:
      'Empty new_entry: delete the rule. The current rule must be sent back as old_entry ' +
      '(a check against concurrent edits). Answers 1.',
  })
  @ApiOkResponse({ schema: { type: 'integer', example: 1 } })
  @ApiBadRequestResponse({ description: 'No change proposed, duplicate rule or invalid rule' })
  @ApiNotFoundResponse({ description: 'old_entry is not a current rule' })
  updateUrlPriority(@Body() body: UpdateUrlPriorityRequestDto): Promise<number> {
    return this.prio.updateRule({ old_entry: body.old_entry, new_entry: body.new_entry });
  }
}
