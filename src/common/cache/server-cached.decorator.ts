import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { CachedJson } from '../http/cache-control.decorator';
import { ResponseCache } from './response-cache.service';

const SERVER_CACHE_TTL_KEY = 'ooni:server-cache-ttl';

/** The route and its query parameters, sorted: the same question asked in any order hits one entry. */
export function cacheKey(request: FastifyRequest): string {
  return routeCacheKey(
    request.method,
    request.routeOptions.url ?? request.url,
    (request.query ?? {}) as Record<string, unknown>,
  );
}

/** The cache key of a route pattern (`/api/_/domains`) asked with `query`. */
export function routeCacheKey(method: string, route: string, query: Record<string, unknown> = {}): string {
  const params = Object.keys(query)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(JSON.stringify(query[k]))}`);
  return `${method} ${route}?${params.join('&')}`;
}

@Injectable()
export class ServerCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: ResponseCache,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ttlS = this.reflector.get<number>(SERVER_CACHE_TTL_KEY, context.getHandler()) ?? 0;
    const key = cacheKey(context.switchToHttp().getRequest<FastifyRequest>());
    return from(this.cache.getOrCompute(key, ttlS, () => lastValueFrom(next.handle())));
  }
}

/**
 * `Cache-Control: max-age=<seconds>` (legacy `cachedjson`) and the same lifetime in the
 * server's own cache: a repeated question is answered without touching the database.
 * Only for handlers whose answer depends on nothing but the route and its query string.
 */
export const ServerCached = (seconds: number): MethodDecorator =>
  applyDecorators(
    CachedJson(seconds),
    SetMetadata(SERVER_CACHE_TTL_KEY, seconds),
    UseInterceptors(ServerCacheInterceptor),
  );
