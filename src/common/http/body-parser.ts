import { FastifyInstance, FastifyRequest } from 'fastify';

/** Route config flag: hand the handler the raw request body (a Buffer) instead of parsed JSON. */
export const RAW_BODY = 'rawBody';

function httpError(statusCode: number, message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode });
}

function wantsRawBody(req: FastifyRequest): boolean {
  const config: object | undefined = req.routeOptions.config;
  return config !== undefined && Reflect.get(config, RAW_BODY) === true;
}

/**
 * One body parser for every content type: probes send JSON with no, or a wrong,
 * Content-Type, so bodies are parsed as JSON whatever the header says. Routes flagged
 * with RAW_BODY (measurement submission) get the bytes and decode them themselves.
 */
export function installBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (req, body: Buffer, done) => {
    if (wantsRawBody(req)) return done(null, body);
    if (body.length === 0) return done(null, undefined);
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return done(httpError(415, `Unsupported content encoding: ${encoding}`));
    try {
      done(null, JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      done(httpError(400, 'Invalid JSON in request body'));
    }
  });
}
