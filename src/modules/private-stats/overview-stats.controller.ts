import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/public.decorator';
import { ServerCached } from '../../common/cache/server-cached.decorator';
import { splitCommaList } from '../../common/validation/comma-list';
import { DAY_S, HOUR_S } from './cache-lifetimes';
import { ProbeCcQueryDto, TestCoverageQueryDto } from './dto/stats-query.dto';
import {
  CountriesResponseDto,
  CountryOverviewResponseDto,
  DateValueDto,
  GlobalByMonthResponseDto,
  GlobalOverviewResponseDto,
  NetworkStatsResponseDto,
  TestCoverageResponseDto,
  TestNamesResponseDto,
} from './dto/stats-response.dto';
import { CountrySummary, DateValue, GlobalByMonth, OverviewStatsService, TestCoverage } from './overview-stats.service';
import { CountryOverviewRow, GlobalOverviewRow } from './private-stats.types';

/** Explorer's home, countries list and country pages (legacy `private.py`). */
@ApiTags('Private statistics')
@Controller('api/_')
export class OverviewStatsController {
  constructor(private readonly stats: OverviewStatsService) {}

  @Get('asn_by_month')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Networks measured per month, last 24 months' })
  @ApiOkResponse({ type: [DateValueDto] })
  privateAsnByMonth(): Promise<DateValue[]> {
    return this.stats.asnByMonth();
  }

  @Get('countries_by_month')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Countries measured per month, last 24 months' })
  @ApiOkResponse({ type: [DateValueDto] })
  privateCountriesByMonth(): Promise<DateValue[]> {
    return this.stats.countriesByMonth();
  }

  @Get('test_names')
  @Public()
  @ServerCached(HOUR_S)
  @ApiOperation({ summary: 'Test names and their display names' })
  @ApiOkResponse({ type: TestNamesResponseDto })
  privateTestNames(): { test_names: Array<{ id: string; name: string }> } {
    return { test_names: this.stats.testNames() };
  }

  @Get('countries')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Countries with measurements and their measurement count' })
  @ApiOkResponse({ type: CountriesResponseDto })
  async privateCountries(): Promise<{ countries: CountrySummary[] }> {
    return { countries: await this.stats.countries() };
  }

  @Get('test_coverage')
  @Public()
  @ServerCached(HOUR_S)
  @ApiOperation({ summary: 'Measurements per test group and networks per day in a country, last 30 days' })
  @ApiOkResponse({ type: TestCoverageResponseDto })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc' })
  privateTestCoverage(@Query() q: TestCoverageQueryDto): Promise<TestCoverage> {
    return this.stats.testCoverage(q.probe_cc, q.test_groups === undefined ? undefined : splitCommaList(q.test_groups));
  }

  @Get('network_stats')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Network speed statistics (not implemented: always empty, as in the legacy API)' })
  @ApiOkResponse({ type: NetworkStatsResponseDto })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc' })
  privateNetworkStats(@Query() _q: ProbeCcQueryDto): NetworkStatsResponseDto {
    return {
      metadata: { current_page: 1, limit: 10, next_url: null, offset: 0, total_count: 0 },
      results: [],
    };
  }

  @Get('country_overview')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'First measurement day, measurement and network counts of a country' })
  @ApiOkResponse({ type: CountryOverviewResponseDto })
  @ApiBadRequestResponse({ description: 'missing or incorrect probe_cc' })
  privateCountryOverview(@Query() q: ProbeCcQueryDto): Promise<CountryOverviewRow> {
    return this.stats.countryOverview(q.probe_cc);
  }

  @Get('global_overview')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Networks, countries and measurements overall' })
  @ApiOkResponse({ type: GlobalOverviewResponseDto })
  privateGlobalOverview(): Promise<GlobalOverviewRow> {
    return this.stats.globalOverview();
  }

  @Get('global_overview_by_month')
  @Public()
  @ServerCached(DAY_S)
  @ApiOperation({ summary: 'Networks, countries and measurements per month, last 2 years' })
  @ApiOkResponse({ type: GlobalByMonthResponseDto })
  privateGlobalOverviewByMonth(): Promise<GlobalByMonth> {
    return this.stats.globalOverviewByMonth();
  }
}
