import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { cacheKey, routeCacheKey } from './cache-key';
import { ResponseCache } from './response-cache.service';
import { cappedByCacheControl, resolveTtl, ServerCacheTtl } from './server-cache-ttl';

export const SERVER_CACHE_TTL_KEY = 'ooni:server-cache-ttl';

type Headers = Record<string, string | number | string[]>;
type ReplyHeaders = Record<string, string | number | string[] | undefined>;

/** A handler's answer as the cache keeps it: the body and the headers the handler set on the reply. */
interface CachedReply {
  body: unknown;
  headers: Headers;
}

/** The headers set (or changed) since `before`: those a handler set itself. */
function headersSetSince(before: ReplyHeaders, after: ReplyHeaders): Headers {
  const set: Headers = {};
  for (const [name, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(before[name])) set[name] = value;
  }
  return set;
}

/**
 * Answers a route from the response cache, under its route and query string: identical
 * questions share one computation, and every asker gets the headers its handler set. The
 * lifetime comes from `@ServerCached`, capped by the answer's own Cache-Control.
 */
@Injectable()
export class ServerCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: ResponseCache,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const ttl = this.reflector.get<ServerCacheTtl | undefined>(SERVER_CACHE_TTL_KEY, context.getHandler()) ?? 0;
    const ttlS = resolveTtl(ttl, this.config, request);
    if (ttlS <= 0) return next.handle();
    const compute = async (): Promise<CachedReply> => {
      const before = { ...reply.getHeaders() };
      const body: unknown = await lastValueFrom(next.handle());
      return { body, headers: headersSetSince(before, reply.getHeaders()) };
    };
    const keptFor = () => cappedByCacheControl(ttlS, reply.getHeader('cache-control'));
    return from(
      this.cache.getOrCompute(cacheKey(request), keptFor, compute).then((cached) => {
        void reply.headers(cached.headers);
        return cached.body;
      }),
    );
  }
}

/**
 * Computes the answer of a parameterless route into the entry its requests read, its handler's
 * answer being `answer()` with no headers of its own (cache warming).
 */
export async function refreshRouteAnswer(
  cache: ResponseCache,
  route: string,
  ttlS: number,
  answer: () => Promise<unknown>,
): Promise<void> {
  await cache.refresh(routeCacheKey('GET', route), ttlS, async (): Promise<CachedReply> => ({
    body: await answer(),
    headers: {},
  }));
}
