import { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';

/**
 * How long the server keeps a route's answers, in seconds: a fixed lifetime, or one read per
 * request (from config, or 0 for a request whose answer must not come from the cache).
 * 0: the route is answered without the cache.
 */
export type ServerCacheTtl = number | ((config: AppConfig, request: FastifyRequest) => number);

/** The lifetime of `ttl` for this request (before the handler runs). */
export function resolveTtl(ttl: ServerCacheTtl, config: AppConfig, request: FastifyRequest): number {
  return typeof ttl === 'number' ? ttl : ttl(config, request);
}

/**
 * An answer is kept no longer than its own `Cache-Control` lets a client keep it: at most its
 * `max-age`, not at all when it says `no-cache`/`no-store`; `ttlS` when it names no lifetime.
 */
export function cappedByCacheControl(ttlS: number, cacheControl: unknown): number {
  if (typeof cacheControl !== 'string') return ttlS;
  if (/(?:^|,)\s*(?:no-cache|no-store)\s*(?:,|$)/i.test(cacheControl)) return 0;
  const maxAge = /(?:^|,)\s*max-age\s*=\s*(\d+)\s*(?:,|$)/i.exec(cacheControl);
  return maxAge ? Math.min(ttlS, Number(maxAge[1])) : ttlS;
}
