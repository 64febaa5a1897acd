import { LRUCache } from 'lru-cache';

export interface TtlCacheOptions<V> {
  /** Lifetime of an entry in ms when `get` names none; 0: nothing is kept, every `get` computes. */
  ttlMs: number;
  /** Most entries kept; the least recently used goes first. */
  maxEntries: number;
  /** With `sizeOf`: the most total size kept (an entry larger than this is not kept). */
  maxSize?: number;
  sizeOf?: (value: V) => number;
}

type Compute<V> = () => Promise<V>;

/** A lifetime in ms: fixed, or read from the computed value (0: that value is not kept). */
export type Ttl<V> = number | ((value: V) => number);

/** What the fetch method runs: a computation that may set the lifetime of what it computes. */
type Fetch<V> = (options: { ttl?: number }) => Promise<V>;

/**
 * The one in-memory cache with expiry, on lru-cache: bounded in entries (and size), each entry
 * kept for its lifetime on the wall clock, concurrent misses of a key sharing one computation,
 * failures never kept. A computation whose entry is dropped meanwhile (invalidated, evicted)
 * still answers its callers, and is not stored.
 */
export class TtlCache<V extends NonNullable<unknown>> {
  private readonly lru: LRUCache<string, V, Fetch<V>>;

  constructor(private readonly options: TtlCacheOptions<V>) {
    const { maxSize, sizeOf } = options;
    this.lru = new LRUCache<string, V, Fetch<V>>({
      max: options.maxEntries,
      ...(maxSize && sizeOf ? { maxSize, sizeCalculation: (value: V) => Math.max(1, sizeOf(value)) } : {}),
      ...(options.ttlMs > 0 ? { ttl: options.ttlMs } : {}),
      // Wall-clock expiry, read at every check (no cached clock).
      perf: { now: () => Date.now() },
      ttlResolution: 0,
      ignoreFetchAbort: true,
      fetchMethod: (_key, _stale, { context, options }) => context(options),
    });
  }

  /**
   * The value of `key`, or `compute()` kept for `ttlMs` (not kept when ttlMs is 0 or it throws).
   * A function `ttlMs` reads the lifetime from the computed value, once computed.
   */
  async get(key: string, compute: Compute<V>, ttlMs: Ttl<V> = this.options.ttlMs): Promise<V> {
    if (typeof ttlMs === 'number' && ttlMs <= 0) return compute();
    const fetch =
      typeof ttlMs === 'number' ? { context: compute, ttl: ttlMs } : { context: this.timed(key, compute, ttlMs) };
    return (await this.lru.fetch(key, fetch)) as V;
  }

  /** `compute`, setting the lifetime of its value; one not to keep is dropped while it still answers its callers. */
  private timed(key: string, compute: Compute<V>, ttlMs: (value: V) => number): Fetch<V> {
    return async (options) => {
      const value = await compute();
      const ms = ttlMs(value);
      if (ms > 0) {
        options.ttl = ms;
      } else {
        this.lru.delete(key);
      }
      return value;
    };
  }

  /**
   * Computes `key` again and replaces its entry when done, the current value being served
   * meanwhile (keeps an entry warm); with nothing cached it is a `get`, shared with concurrent misses.
   */
  async refresh(key: string, compute: Compute<V>, ttlMs = this.options.ttlMs): Promise<void> {
    if (ttlMs <= 0) return;
    if (!this.lru.has(key)) {
      await this.get(key, compute, ttlMs);
      return;
    }
    this.lru.set(key, await compute(), { ttl: ttlMs });
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}
