import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';

/** `@fastify/cors` options, as Nest's Fastify adapter (which loads that plugin) types them. */
type FastifyCorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

export interface CorsSettings {
  /** Origin patterns (`scheme://host[:port]`, `*.` one DNS label, `:*` any port) that may send credentials. */
  credentialed_origins: readonly string[];
  max_age_s: number;
}

/** What browsers may send: every method the API routes use, and the headers Explorer, the Test List Editor and OONI Run send. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const PUBLIC_HEADERS = ['Content-Type', 'Content-Encoding', 'Accept', 'Accept-Language', 'Cache-Control'];
/** A token is a credential too: only allow-listed origins may send one from a browser. */
const CREDENTIALED_HEADERS = ['Authorization', ...PUBLIC_HEADERS];
/** Response headers scripts may read: MAT CSV downloads and the quota headers. */
const EXPOSED_HEADERS = ['Content-Disposition', 'Retry-After', 'X-RateLimit-Remaining'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One allow-list pattern as an anchored RegExp over the whole `Origin` value. */
export function originPatternToRegExp(pattern: string): RegExp {
  const match = /^(https?:\/\/)(\*\.)?([A-Za-z0-9.-]+)(?::(\d{1,5}|\*))?$/.exec(pattern);
  if (!match) throw new Error(`invalid CORS origin pattern: ${pattern}`);
  const [, scheme, anyLabel, host, port] = match;
  const label = anyLabel ? '[A-Za-z0-9-]{1,63}\\.' : '';
  const portPart = port === '*' ? '(:\\d{1,5})?' : port ? `:${port}` : '';
  return new RegExp(`^${escapeRegExp(scheme)}${label}${escapeRegExp(host)}${portPart}$`, 'i');
}

/** Whether an `Origin` may make credentialed requests. */
export function credentialedOriginMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const regexps = patterns.map(originPatternToRegExp);
  return (origin) => origin.length <= 300 && regexps.some((re) => re.test(origin));
}

/**
 * CORS options per request: any origin may read without credentials (legacy `CORS(app)`);
 * an allow-listed origin gets itself reflected with `Access-Control-Allow-Credentials` and
 * may send `Authorization`.
 */
export function corsOptionsFor(settings: CorsSettings): (origin: string | undefined) => FastifyCorsOptions {
  const isCredentialed = credentialedOriginMatcher(settings.credentialed_origins);
  const common: FastifyCorsOptions = {
    methods: METHODS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: settings.max_age_s,
    // A bare OPTIONS (no Origin or requested method) is answered 204 rather than a text 400.
    strictPreflight: false,
  };
  const open: FastifyCorsOptions = { ...common, origin: '*', credentials: false, allowedHeaders: PUBLIC_HEADERS };
  return (origin) =>
    origin && isCredentialed(origin)
      ? { ...common, origin, credentials: true, allowedHeaders: CREDENTIALED_HEADERS }
      : open;
}

/**
 * Registers CORS on the Fastify instance: its request hook runs before routing, Nest guards
 * and the quota guard, so a preflight `OPTIONS` is answered for every path and never metered.
 */
export function enableCors(app: NestFastifyApplication, settings: CorsSettings): void {
  const optionsFor = corsOptionsFor(settings);
  app.enableCors({
    delegator: (request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void) =>
      callback(null, optionsFor(request.headers.origin)),
  });
}
