import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';

/**
 * Answers kept in memory for their cache lifetime (what the legacy deployment got from the
 * Nginx cache in front of the API). Concurrent misses on one key share one computation, so a
 * burst of cold requests runs one query.
 */
@Injectable()
export class ResponseCache {
  private readonly entries: LRUCache<string, { value: unknown; expiresAt: number; size: number }> | undefined;
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(config: AppConfig) {
    const { enabled, max_entries: max, max_bytes: maxSize } = config.response_cache;
    // Bounded in bytes too: unknown query parameters make distinct keys, and one answer can be megabytes.
    this.entries = enabled
      ? new LRUCache({ max, maxSize, sizeCalculation: (entry) => Math.max(1, entry.size) })
      : undefined;
  }

  /** The cached value of `key`, or `compute()` stored for `ttlS` seconds (not stored when ttlS is 0 or it throws). */
  async getOrCompute<T>(key: string, ttlS: number, compute: () => Promise<T>): Promise<T> {
    if (this.entries === undefined || ttlS <= 0) return compute();
    // Expiry on the wall clock (Date.now), checked on read: an expired entry is simply replaced.
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.expiresAt > Date.now()) return hit.value as T;
    const running = this.pending.get(key);
    if (running !== undefined) return running as Promise<T>;
    const promise = compute().then((value) => {
      // JSON length approximates the memory an answer holds; larger than the whole cache: not kept.
      const size = JSON.stringify(value)?.length ?? 0;
      if (this.entries !== undefined && size <= this.entries.maxSize) {
        this.entries.set(key, { value, expiresAt: Date.now() + ttlS * 1000, size });
      }
      return value;
    });
    this.pending.set(key, promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(key);
    }
  }

  /**
   * Computes `key` again and replaces its entry when done (the old answer is served meanwhile):
   * keeps an answer warm. Requests arriving while nothing is cached share this computation.
   */
  async refresh<T>(key: string, ttlS: number, compute: () => Promise<T>): Promise<void> {
    if (this.entries === undefined || ttlS <= 0) return;
    const promise = compute();
    if (!this.entries.has(key)) this.pending.set(key, promise);
    try {
      const value = await promise;
      const size = JSON.stringify(value)?.length ?? 0;
      if (size <= this.entries.maxSize) {
        this.entries.set(key, { value, expiresAt: Date.now() + ttlS * 1000, size });
      }
    } finally {
      if (this.pending.get(key) === promise) this.pending.delete(key);
    }
  }

  clear(): void {
    this.entries?.clear();
  }
}
