import { Header } from '@nestjs/common';

/** Legacy `cachedjson(age)`: the response may be cached for `maxAgeSeconds`. */
export const CachedJson = (maxAgeSeconds: number): MethodDecorator =>
  Header('Cache-Control', `max-age=${Math.floor(maxAgeSeconds)}`);

/** Legacy `nocachejson()`: never cache this response. */
export const NoCache = (): MethodDecorator => Header('Cache-Control', 'no-cache');
