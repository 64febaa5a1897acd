import { FastifyRequest } from 'fastify';

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
