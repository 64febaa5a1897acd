import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { SessionAuthenticator } from '../auth/session-authenticator';
import { ApiError } from '../errors/api-error';
import { GeoipService } from '../geoip/geoip.service';
import { CidrSet } from '../net/cidr-set';
import { CLOCK, Clock } from './clock';
import { QuotaService, QuotaSubject } from './quota.service';
import { QUOTA_OPTIONS, QuotaOptions } from './quotas.options';
import { SKIP_QUOTA_KEY } from './skip-quota.decorator';

/**
 * Global guard: refuses with 429 the callers whose budget is spent, and meters the others by the
 * wall-clock time of their request (from here until the response is closed). Runs before any
 * route guard, so an exhausted caller gets 429 first, like legacy's before_request hook.
 */
@Injectable()
export class QuotaGuard implements CanActivate {
  private readonly exempt: CidrSet;
  private readonly exactPaths: Set<string>;
  private readonly pathPrefixes: string[];

  constructor(
    @Inject(QUOTA_OPTIONS) private readonly options: QuotaOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly quotas: QuotaService,
    private readonly reflector: Reflector,
    private readonly geoip: GeoipService,
    private readonly sessions: SessionAuthenticator,
  ) {
    this.exempt = new CidrSet(options.exempt_networks, 'quotas.exempt_networks');
    this.exactPaths = new Set(options.unmetered_paths.filter((p) => !p.endsWith('*')));
    this.pathPrefixes = options.unmetered_paths.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.options.enabled || context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_QUOTA_KEY, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (this.isUnmetered(request.url)) return true;
    const ip = this.geoip.clientIp(request);
    if (this.exempt.has(ip)) return true;
    const subject = await this.subjectOf(request, ip);
    if (subject === null) return true;

    const start = this.clock.now();
    const status = this.quotas.status(subject, start);
    const reply = http.getResponse<FastifyReply>();
    void reply.header('X-RateLimit-Remaining', Math.floor(status.remainingS));
    if (!status.available) {
      void reply.header('Retry-After', status.retryAfterS);
      throw new ApiError('Quota exceeded', 429);
    }
    reply.raw.once('close', this.quotas.meter(subject, start));
    return true;
  }

  private isUnmetered(url: string): boolean {
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (this.exactPaths.has(path)) return true;
    for (const prefix of this.pathPrefixes) if (path.startsWith(prefix)) return true;
    return false;
  }

  /**
   * The account of a valid session token, otherwise the client's subnet: an invalid, expired or
   * expunged token grants nothing, so it is charged like no token at all.
   */
  private async subjectOf(request: FastifyRequest, ip: string): Promise<QuotaSubject | null> {
    const accountId = await this.accountOf(request);
    return accountId !== null ? this.quotas.accountSubject(accountId) : this.quotas.subnetSubject(ip);
  }

  private async accountOf(request: FastifyRequest): Promise<string | null> {
    if (request.headers.authorization === undefined) return null;
    try {
      const session = await this.sessions.checkRequest(request);
      return session.ok ? session.claims.account_id : null;
    } catch {
      // The expunge table cannot be read: meter the subnet (the auth guard answers the error).
      return null;
    }
  }
}
