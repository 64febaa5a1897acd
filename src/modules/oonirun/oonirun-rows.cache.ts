import { Inject, Injectable } from '@nestjs/common';
import { TtlCache } from '../../common/cache/ttl-cache';
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
  private readonly cache: TtlCache<OonirunRow[]>;

  constructor(
    private readonly repo: OonirunRepository,
    @Inject(OONIRUN_OPTIONS) options: OonirunOptions,
  ) {
    // Concurrent launches of one link share a single query.
    this.cache = new TtlCache<OonirunRow[]>({
      ttlMs: options.engineCacheMs,
      maxEntries: 10_000,
      // Descriptors may be large (thousands of inputs): bound the memory, not only the count.
      maxSize: 64 * 1024 * 1024,
      sizeOf: (rows) => rows.reduce((n, r) => n + r.descriptor.length, 1),
    });
  }

  /** Every revision of the link, oldest first (empty: no such link). */
  linkRows(linkId: string): Promise<OonirunRow[]> {
    return this.cache.get(linkId, () => this.repo.linkRows(linkId));
  }

  invalidate(linkId: string): void {
    this.cache.delete(linkId);
  }
}
