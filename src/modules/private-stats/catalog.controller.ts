import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/public.decorator';
import { ServerCached } from '../../common/cache/server-cached.decorator';
import { TWO_HOURS_S } from './cache-lifetimes';
import { CatalogService, DomainMetadata } from './catalog.service';
import { asnNumber, AsnQueryDto, DomainQueryDto } from './dto/stats-query.dto';
import {
  AsnmetaResponseDto,
  DomainMetadataResponseDto,
  DomainsResponseDto,
  NetworksResponseDto,
} from './dto/stats-response.dto';
import { DomainRow, NetworkRow } from './private-stats.types';

/** Explorer's networks and domains lists and the headers of its network and domain pages. */
@ApiTags('Private statistics')
@Controller('api/_')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('domain_metadata')
  @Public()
  @ServerCached(TWO_HOURS_S)
  @ApiOperation({
    summary: 'Category and canonical spelling of a domain',
    description:
      'From the shortest URL of the domain (with or without www.) in the CitizenLab test lists, the ' +
      'global list first; MISC and the domain without www. when unlisted.',
  })
  @ApiOkResponse({ type: DomainMetadataResponseDto })
  @ApiBadRequestResponse({ description: 'missing or invalid domain' })
  privateDomainMetadata(@Query() q: DomainQueryDto): Promise<DomainMetadata> {
    return this.catalog.domainMetadata(q.domain.toLowerCase());
  }

  @Get('asnmeta')
  @Public()
  @ServerCached(TWO_HOURS_S)
  @ApiOperation({ summary: 'Organisation name of a network' })
  @ApiOkResponse({ type: AsnmetaResponseDto })
  @ApiBadRequestResponse({ description: 'missing or invalid asn' })
  async privateAsnmeta(@Query() q: AsnQueryDto): Promise<{ org_name: string }> {
    return { org_name: await this.catalog.orgName(asnNumber(q.asn)) };
  }

  @Get('networks')
  @Public()
  @ServerCached(TWO_HOURS_S)
  @ApiOperation({ summary: 'Every network with measurements, its measurement count and organisation name' })
  @ApiOkResponse({ type: NetworksResponseDto })
  privateNetworks(): Promise<{ v: 0; results: NetworkRow[] }> {
    return this.catalog.networksAnswer();
  }

  @Get('domains')
  @Public()
  @ServerCached(TWO_HOURS_S)
  @ApiOperation({ summary: 'Every domain of the test lists, its category and web_connectivity measurement count' })
  @ApiOkResponse({ type: DomainsResponseDto })
  privateDomains(): Promise<{ v: 0; results: DomainRow[] }> {
    return this.catalog.domainsAnswer();
  }
}
