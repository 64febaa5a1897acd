import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TtlCache } from './ttl-cache';

/**
 * Answers kept in memory for their cache lifetime (what the legacy deployment got from the
 * Nginx cache in front of the API). Concurrent misses on one key share one computation, so a
 * burst of cold requests runs one query.
 */
@Injectable()
export class ResponseCache {
  private readonly entries: TtlCache<NonNullable<unknown>> | undefined;

  constructor(config: AppConfig) {
    const { enabled, max_entries: maxEntries, max_bytes: maxSize } = config.response_cache;
    // Bounded in bytes too: unknown query parameters make distinct keys, and one answer can be megabytes.
    // JSON length approximates the memory an answer holds; one larger than the whole cache is not kept.
    this.entries = enabled
      ? new TtlCache({ ttlMs: 0, maxEntries, maxSize, sizeOf: (value) => JSON.stringify(value)?.length ?? 0 })
      : undefined;
  }

  /**
   * The cached value of `key`, or `compute()` stored for `ttlS` seconds (not stored when ttlS is 0
   * or it throws). A function `ttlS` reads the lifetime from the computed value.
   */
  async getOrCompute<T>(key: string, ttlS: number | ((value: T) => number), compute: () => Promise<T>): Promise<T> {
    if (this.entries === undefined || (typeof ttlS === 'number' && ttlS <= 0)) return compute();
    const ttlMs = typeof ttlS === 'number' ? ttlS * 1000 : (value: unknown) => ttlS(value as T) * 1000;
    return (await this.entries.get(key, compute as () => Promise<NonNullable<unknown>>, ttlMs)) as T;
  }

  /**
   * Computes `key` again and replaces its entry when done (the old answer is served meanwhile):
   * keeps an answer warm. Requests arriving while nothing is cached share this computation.
   */
  async refresh<T>(key: string, ttlS: number, compute: () => Promise<T>): Promise<void> {
    if (this.entries === undefined || ttlS <= 0) return;
    await this.entries.refresh(key, compute as () => Promise<NonNullable<unknown>>, ttlS * 1000);
  }

  clear(): void {
    this.entries?.clear();
  }
}
