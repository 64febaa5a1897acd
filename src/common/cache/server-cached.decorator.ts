import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { CachedJson } from '../http/cache-control.decorator';
import { ServerCacheTtl } from './server-cache-ttl';
import { SERVER_CACHE_TTL_KEY, ServerCacheInterceptor } from './server-cache.interceptor';

/**
 * Keeps a route's answers in the server's own cache: a repeated question is answered without
 * touching the database. Only for handlers whose answer depends on nothing but the route and
 * its query string (and, through `ttl`, on what decides to bypass the cache).
 * - `ServerCached(seconds)`: also `Cache-Control: max-age=<seconds>` (legacy `cachedjson`).
 * - `ServerCached((config, request) => seconds)`: the lifetime read per request (0: not cached);
 *   the handler sets its own Cache-Control, which caps the lifetime.
 */
export const ServerCached = (ttl: ServerCacheTtl): MethodDecorator =>
  applyDecorators(
    ...(typeof ttl === 'number' ? [CachedJson(ttl)] : []),
    SetMetadata(SERVER_CACHE_TTL_KEY, ttl),
    UseInterceptors(ServerCacheInterceptor),
  );
