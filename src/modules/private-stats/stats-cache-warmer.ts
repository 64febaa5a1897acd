import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ResponseCache } from '../../common/cache/response-cache.service';
import { refreshRouteAnswer } from '../../common/cache/server-cache.interceptor';
import { AppConfig } from '../../common/config/app-config';
import { DAY_S, TWO_HOURS_S } from './cache-lifetimes';
import { CatalogService } from './catalog.service';
import { NetworkStatsService } from './network-stats.service';
import { OverviewStatsService } from './overview-stats.service';

interface WarmRoute {
  route: string;
  /** The route's `@ServerCached` lifetime. */
  ttlS: number;
  /** What the route's handler returns. */
  answer: () => Promise<unknown>;
}

/** Recomputed when this share of the lifetime has passed, so the entry never expires. */
const REFRESH_AT = 0.9;

/**
 * Keeps the answers of the parameterless statistics routes that read the most (the 2.3 MB
 * `domains`, the runtime quantiles of `circumvention_runtime_stats`, …) in the response cache:
 * computed in the background at start and again before they expire, under the key a request
 * for the route uses. No request waits for them once the first computation is done (`response_cache.warm_routes`).
 */
@Injectable()
export class StatsCacheWarmer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StatsCacheWarmer.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private first: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: AppConfig,
    private readonly cache: ResponseCache,
    private readonly catalog: CatalogService,
    private readonly networkStats: NetworkStatsService,
    private readonly overview: OverviewStatsService,
  ) {}

  private routes(): WarmRoute[] {
    return [
      { route: '/api/_/domains', ttlS: TWO_HOURS_S, answer: () => this.catalog.domainsAnswer() },
      { route: '/api/_/networks', ttlS: TWO_HOURS_S, answer: () => this.catalog.networksAnswer() },
      {
        route: '/api/_/circumvention_runtime_stats',
        ttlS: DAY_S,
        answer: () => this.networkStats.circumventionRuntimesAnswer(),
      },
      { route: '/api/_/global_overview_by_month', ttlS: DAY_S, answer: () => this.overview.globalOverviewByMonth() },
    ];
  }

  onApplicationBootstrap(): void {
    const c = this.config.response_cache;
    if (!c.enabled || !c.warm_routes) return;
    // One at a time: warming must not compete with the requests it is meant to spare.
    const all = this.routes();
    this.first = all.reduce((done, r) => done.then(() => this.warm(r)), Promise.resolve());
    for (const r of all) {
      const timer = setInterval(() => void this.warm(r), r.ttlS * REFRESH_AT * 1000);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Resolves when the start-up computation of every route is done (tests, operators' checks). */
  warmed(): Promise<void> {
    return this.first;
  }

  private async warm(r: WarmRoute): Promise<void> {
    try {
      await refreshRouteAnswer(this.cache, r.route, r.ttlS, r.answer);
    } catch (err) {
      // A failed warm-up leaves the cache as it was: the next request computes the answer.
      this.logger.warn(`warming ${r.route} failed: ${(err as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    for (const t of this.timers) clearInterval(t);
  }
}
