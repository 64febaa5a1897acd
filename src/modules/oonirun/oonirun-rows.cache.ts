import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { OONIRUN_OPTIONS, OonirunOptions } from './oonirun.options';
import { OonirunRepository } from './oonirun.repository';
import { OonirunRow } from './oonirun.types';

/**
 * The rows of recently launched links, for the engine descriptor (every probe launch of a link
 * asks for it; a ClickHouse lookup costs far more than the ranking). Writes in this process drop
 * the link at once; writes on another API host show after `engine_cache_s` at most.
 */
@Injectable()
export class OonirunRowsCache {
  private readonly cache: LRUCache<string, OonirunRow[]> | null;

  constructor(
    private readonly repo: OonirunRepository,
    @Inject(OONIRUN_OPTIONS) options: OonirunOptions,
  ) {
    this.cache =
      options.engineCacheMs > 0
        ? new LRUCache<string, OonirunRow[]>({
            max: 10_000,
            // Descriptors may be large (thousands of inputs): bound the memory, not only the count.
            maxSize: 64 * 1024 * 1024,
            sizeCalculation: (rows) => rows.reduce((n, r) => n + r.descriptor.length, 1),
            ttl: options.engineCacheMs,
            // Concurrent launches of one link share a single query.
            fetchMethod: (linkId) => this.repo.linkRows(linkId),
          })
        : null;
  }

  /** Every revision of the link, oldest first (empty: no such link). */
  async linkRows(linkId: string): Promise<OonirunRow[]> {
    if (!this.cache) return this.repo.linkRows(linkId);
    return (await this.cache.fetch(linkId)) ?? [];
  }

  invalidate(linkId: string): void {
    this.cache?.delete(linkId);
  }
}
