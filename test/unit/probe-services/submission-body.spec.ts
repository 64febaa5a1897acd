import { compress, init } from '@bokuweb/zstd-wasm';
import { gzipSync } from 'node:zlib';
import {
  decodeContent,
  parseSubmission,
  SubmissionBodyError,
  withoutVerificationClaim,
} from '../../../src/modules/probe-services/submission-body';

const MAX = 1024 * 1024;
const body = Buffer.from(JSON.stringify({ format: 'json', content: { test_name: 'ndt', pad: 'x'.repeat(5000) } }));

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof SubmissionBodyError ? err.status : -1;
  }
  return undefined;
}

describe('decodeContent', () => {
  beforeAll(async () => {
    await init();
  });

  it('should pass identity bodies through', () => {
    expect(decodeContent(body, undefined, MAX)).toBe(body);
    expect(decodeContent(body, 'identity', MAX)).toBe(body);
  });

  it('should decode gzip and zstd to the original bytes', () => {
    expect(decodeContent(gzipSync(body), 'gzip', MAX).equals(body)).toBe(true);
    expect(decodeContent(Buffer.from(compress(body, 3)), 'zstd', MAX).equals(body)).toBe(true);
  });

  it('should reject truncated or corrupt compressed bodies with 400', () => {
    const z = Buffer.from(compress(body, 3));
    expect(statusOf(() => decodeContent(z.subarray(0, z.length - 8), 'zstd', MAX))).toBe(400);
    expect(statusOf(() => decodeContent(Buffer.from('not zstd at all'), 'zstd', MAX))).toBe(400);
    expect(statusOf(() => decodeContent(gzipSync(body).subarray(0, 20), 'gzip', MAX))).toBe(400);
  });

  it('should stop decompression bombs at the bound with 413', () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    expect(statusOf(() => decodeContent(Buffer.from(compress(zeros, 3)), 'zstd', MAX))).toBe(413);
    expect(statusOf(() => decodeContent(gzipSync(zeros), 'gzip', MAX))).toBe(413);
  });

  it('should refuse unknown encodings with 415', () => {
    expect(statusOf(() => decodeContent(body, 'br', MAX))).toBe(415);
  });
});

describe('parseSubmission', () => {
  it('should accept the JSON and YAML envelopes', () => {
    expect(parseSubmission(body).format).toBe('json');
    expect(parseSubmission(Buffer.from('{"format":"yaml","content":"---\\nfoo: 1\\n"}')).format).toBe('yaml');
  });

  it.each([
    ['malformed JSON', '{"format": "json", "content": {'],
    ['not an object', '[1,2,3]'],
    ['a string', '"hello"'],
    ['no content', '{"format":"json"}'],
    ['content not an object', '{"format":"json","content":[1]}'],
    ['yaml content not a string', '{"format":"yaml","content":{}}'],
    ['unknown format', '{"format":"xml","content":{}}'],
    ['deeply nested JSON', `{"format":"json","content":${'['.repeat(200000)}`],
  ])('should reject %s with 400', (_label, text) => {
    expect(statusOf(() => parseSubmission(Buffer.from(text)))).toBe(400);
  });
});

describe('withoutVerificationClaim', () => {
  it('should keep a body without is_verified byte for byte', () => {
    const body = Buffer.from('{"format":"json",  "content":{"a":1}}');
    expect(withoutVerificationClaim(body, parseSubmission(body))).toBe(body);
  });

  it('should turn a claimed verification into "u", keeping every other field', () => {
    for (const claim of ['t', 'f', 'x', true]) {
      const body = Buffer.from(JSON.stringify({ format: 'json', content: { a: 1 }, is_verified: claim }));
      const out = JSON.parse(withoutVerificationClaim(body, parseSubmission(body)).toString('utf8')) as unknown;
      expect(out).toEqual({ format: 'json', content: { a: 1 }, is_verified: 'u' });
    }
  });
});
