import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';
import { fixtureLists, TestListsUpstream } from '../helpers/test-lists-repo';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: { example?: string };
  example?: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }> };
  security?: unknown[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}
interface Probe {
  method: string;
  url: string;
  body?: string;
  admin: boolean;
}

const DEEP_ARRAY = `${'['.repeat(1500)}${']'.repeat(1500)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}`;
/** Malformed, hostile, huge and wrong-type values for path and query parameters. */
const VALUES = [
  '',
  'x'.repeat(6000),
  "' OR 1=1--",
  '../../../etc/passwd',
  '\u0000',
  '-1',
  '99999999999999999999',
  '1e309',
  'NaN',
  'AS3000000000',
  '2024-13-45T25:61',
  '😀',
  DEEP_ARRAY.slice(0, 3000),
];
/** Whole bodies of the wrong shape. */
const BODIES = [DEEP_ARRAY, DEEP_OBJECT, 'null', '"text"', '123', '[]', '{', '{"__proto__":{"polluted":1}}'];
/** Values of the wrong type for each body property. */
const PROPERTY_VALUES = [DEEP_ARRAY, DEEP_OBJECT, '12345', 'null', '{}', '[{}]', JSON.stringify('y'.repeat(200000))];

function schemaProperties(spec: OpenApi, op: Operation): string[] {
  const schema = op.requestBody?.content['application/json']?.schema;
  if (!schema) return [];
  const resolved = schema.$ref ? spec.components.schemas[schema.$ref.split('/').pop()!] : schema;
  return Object.keys(resolved?.properties ?? {});
}

function fillPath(route: string, params: Parameter[], override?: { name: string; value: string }): string {
  return route.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (override?.name === name) return encodeURIComponent(override.value);
    const p = params.find((x) => x.name === name);
    return encodeURIComponent(p?.schema?.example ?? p?.example ?? 'x');
  });
}

/** Every request the fuzzer sends for one operation. */
function probesOf(spec: OpenApi, route: string, method: string, op: Operation): Probe[] {
  const params = op.parameters ?? [];
  const admin = (op.security ?? []).length > 0;
  const base = fillPath(route, params);
  const out: Probe[] = [];
  const add = (url: string, body?: string): number => out.push({ method: method.toUpperCase(), url, body, admin });
  for (const p of params.filter((x) => x.in === 'path')) {
    for (const value of VALUES) add(fillPath(route, params, { name: p.name, value }));
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    for (const value of VALUES) add(`${base}?${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`);
    add(`${base}?${encodeURIComponent(p.name)}[a][b][c][d]=1&${encodeURIComponent(p.name)}=1&${p.name}=2`);
  }
  if (method === 'post') {
    for (const body of BODIES) add(base, body);
    for (const prop of schemaProperties(spec, op)) {
      for (const value of PROPERTY_VALUES) add(base, `{${JSON.stringify(prop)}:${value}}`);
    }
    // A valid-looking submission whose content nests deeply.
    if (route.startsWith('/report/{')) add(base, `{"format":"json","content":{"a":${DEEP_ARRAY}}}`);
  }
  return out;
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

describe('Route fuzzing', () => {
  let t: TestApp;
  let adminToken: string;
  let upstreamDir: string;

  beforeAll(async () => {
    // URL submission talks to a test-lists repository: a local one (never the internet).
    upstreamDir = makeTempDir('ooni-fuzz-test-lists-');
    const upstream = new TestListsUpstream(upstreamDir);
    upstream.commit(fixtureLists(), 'initial lists');
    t = await startTestApp({
      citizenlab: { repo_url: upstream.url, submission: { push_url: upstream.url } },
    });
    adminToken = t.app.get(SessionTokenService).issue(createHash('md5').update('fuzz-admin').digest('hex'), 'admin', {
      sessionExpiryDays: 1,
      loginExpiryDays: 1,
    });
  });
  afterAll(async () => {
    await t.close();
    removeDir(upstreamDir);
  });

  it('should never answer 5xx, and answer every 4xx with a JSON error body, on every route of the OpenAPI document', async () => {
    const spec = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'apispec', 'openapi.json'), 'utf8'),
    ) as OpenApi;
    const probes = Object.entries(spec.paths).flatMap(([route, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => probesOf(spec, route, method, op)),
    );
    expect(probes.length).toBeGreaterThan(500);
    const failures: string[] = [];
    const started = Date.now();
    await runPool(probes, 4, async (probe) => {
      const res = await fetch(`${t.url}${probe.url}`, {
        method: probe.method,
        body: probe.body,
        headers: {
          'content-type': 'application/json',
          ...(probe.admin ? { authorization: `Bearer ${adminToken}` } : {}),
        },
      });
      const text = await res.text();
      const what = `${probe.method} ${probe.url.slice(0, 100)} ${probe.body?.slice(0, 40) ?? ''} → ${res.status}`;
      if (res.status >= 500) failures.push(`${what}: ${text.slice(0, 200)}`);
      if (res.status < 400) return;
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        failures.push(`${what}: not JSON: ${text.slice(0, 100)}`);
        return;
      }
      // account_metadata's legacy 401 is `{"logged_in": false}`.
      if (typeof body?.error !== 'string' && typeof body?.err_str !== 'string' && body?.logged_in !== false) {
        failures.push(`${what}: no error field: ${text.slice(0, 100)}`);
      }
    });
    expect(failures).toEqual([]);
    expect(Date.now() - started).toBeLessThan(60_000);
    // Nothing sent here may have polluted Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
