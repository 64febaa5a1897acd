import { Decompress } from 'fzstd';
import { gunzipSync } from 'node:zlib';
import { EnvelopeProblem, readEnvelope, SubmissionEnvelope } from '../../common/envelope/submission-envelope';

export class SubmissionBodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Decodes `Content-Encoding` (identity, gzip, zstd), never producing more than `maxBytes`. */
export function decodeContent(raw: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return raw;
  if (enc === 'gzip' || enc === 'x-gzip') {
    try {
      return gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
      throw new SubmissionBodyError('Invalid gzip content', 400);
    }
  }
  if (enc === 'zstd') return decodeZstd(raw, maxBytes);
  throw new SubmissionBodyError(`Unsupported content encoding: ${enc.slice(0, 40)}`, 415);
}

function tooLarge(maxBytes: number): SubmissionBodyError {
  return new SubmissionBodyError(`Decoded body larger than ${maxBytes} bytes`, 413);
}

function decodeZstd(raw: Buffer, maxBytes: number): Buffer {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  // Streaming decoder: a decompression bomb is stopped as soon as it passes the bound.
  const stream = new Decompress((chunk, final) => {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    stream.push(raw, true);
  } catch (err) {
    if (err instanceof SubmissionBodyError) throw err;
    throw new SubmissionBodyError('Invalid zstd content', 400);
  }
  if (!ended) throw new SubmissionBodyError('Truncated zstd content', 400);
  return Buffer.concat(chunks, size);
}

export type Submission = SubmissionEnvelope & {
  /** The whole parsed body. */
  envelope: Record<string, unknown>;
};

const ENVELOPE_ERRORS: Record<EnvelopeProblem, string> = {
  not_an_object: 'The body must be a JSON object',
  unknown_format: '"format" must be "json" or "yaml"',
  content_not_an_object: '"content" must be a JSON object',
  content_not_text: '"content" must be a YAML string',
};

/** A submission body: a JSON object that is a legacy submission envelope. */
export function parseSubmission(body: Buffer): Submission {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SubmissionBodyError('Invalid JSON in request body', 400);
  }
  const read = readEnvelope(parsed);
  if (typeof read === 'string') throw new SubmissionBodyError(ENVELOPE_ERRORS[read], 400);
  return { ...read, envelope: parsed as Record<string, unknown> };
}

/**
 * A probe cannot vouch for its own submission: `is_verified` in the envelope is the probe
 * services' verdict, and this API verifies no anonymous credentials, so a claimed one becomes
 * 'u' (legacy `reports.py` sets it on every submission). Bodies without the key are kept byte for byte.
 */
export function withoutVerificationClaim(body: Buffer, submission: Submission): Buffer {
  if (!('is_verified' in submission.envelope) || submission.envelope.is_verified === 'u') return body;
  return Buffer.from(JSON.stringify({ ...submission.envelope, is_verified: 'u' }), 'utf8');
}
