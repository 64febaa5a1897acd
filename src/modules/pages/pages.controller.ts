import { Controller, Get, Header, HttpStatus, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/public.decorator';
import { AppConfig } from '../../common/config/app-config';
import { CachedJson } from '../../common/http/cache-control.decorator';
import { LANDING_PAGE } from './landing-page';
import { LegacyRedirects } from './legacy-redirects';

/** Legacy crawler policy (api/ooniapi/pages). */
const ROBOTS_TXT = [
  'User-agent: *',
  'Disallow: /api/_',
  'Disallow: /api/v1/aggregation',
  'Disallow: /api/v1/measurement_meta',
  'Disallow: /api/v1/raw_measurement',
  'Disallow: /api/v1/test-list/urls',
  'Disallow: /api/v1/torsf_stats',
  'Disallow: /files',
  'Disallow: /stats',
  'Disallow: /201',
  'Disallow: /202',
  'Crawl-delay: 300',
  '',
].join('\n');

const DAY = 86400;

/** Pages that old links and crawlers still hit: the landing page, robots.txt and redirects. */
@ApiExcludeController()
@Public()
@Controller()
export class PagesController {
  private readonly redirects: LegacyRedirects;

  constructor(config: AppConfig) {
    this.redirects = new LegacyRedirects(config.explorer_url);
  }

  @Get()
  @CachedJson(DAY)
  @Header('Content-Type', 'text/html; charset=utf-8')
  getLandingPage(): string {
    return LANDING_PAGE;
  }

  @Get('robots.txt')
  @CachedJson(DAY)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  getRobotsTxt(): string {
    return ROBOTS_TXT;
  }

  @Get('stats')
  async getStats(@Res() reply: FastifyReply): Promise<void> {
    await this.movedTo(reply, this.redirects.stats());
  }

  @Get('files/by_date/:date')
  async getFilesOnDate(@Param('date') date: string, @Res() reply: FastifyReply): Promise<void> {
    await this.movedTo(reply, this.redirects.filesOnDate(date));
  }

  @Get('files/by_country/:country_code')
  async getFilesInCountry(@Param('country_code') countryCode: string, @Res() reply: FastifyReply): Promise<void> {
    await this.movedTo(reply, this.redirects.filesInCountry(countryCode));
  }

  /** `/files`, `/files/by_date`, `/files/by_country` and any other old file listing. */
  @Get(['files', 'files/*'])
  async getFiles(@Res() reply: FastifyReply): Promise<void> {
    await this.movedTo(reply, this.redirects.search());
  }

  private async movedTo(reply: FastifyReply, url: string): Promise<void> {
    await reply.header('cache-control', `max-age=${DAY}`).redirect(url, HttpStatus.MOVED_PERMANENTLY);
  }
}
