import { SetMetadata } from '@nestjs/common';

/** Metadata key marking a route that anyone may call. */
export const PUBLIC_KEY = 'ooni:public';

/**
 * Anyone may call this route (probes, Explorer, anonymous researchers). Every route must
 * make an explicit auth decision: `@Public()`, `@Roles(...)` / `@Authenticated()`, or the
 * probe-token guard; a route with none fails the route-discovery test.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
