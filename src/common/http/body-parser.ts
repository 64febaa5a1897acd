import { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonNestsDeeperThan } from './json-depth';

/** Deepest JSON body accepted (objects and arrays); API bodies need a handful of levels. */
export const MAX_JSON_DEPTH = 64;

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
 * Bodies nesting deeper than `maxDepth` are refused (400) before anything walks them. Query
 * strings need no such bound: Fastify's parser is flat (values are strings or string lists).
 */
export function installBodyParser(fastify: FastifyInstance, bodyLimit: number, maxDepth = MAX_JSON_DEPTH): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (req, body: Buffer, done) => {
    if (wantsRawBody(req)) return done(null, body);
    if (body.length === 0) return done(null, undefined);
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return done(httpError(415, `Unsupported content encoding: ${encoding}`));
    // Validation and class-transformer recurse: a deep body would overflow the stack (a 500).
    if (jsonNestsDeeperThan(body, maxDepth)) return done(httpError(400, `JSON nested deeper than ${maxDepth} levels`));
    try {
      done(null, JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      done(httpError(400, 'Invalid JSON in request body'));
    }
  });
}
