import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FetchSourceOptions {
  /** Larger sources are refused (bounded memory). */
  maxBytes: number;
  timeoutMs: number;
}

/** A source that could not be fetched, or was refused (status, size). */
export class SourceFetchError extends Error {
  override readonly name = 'SourceFetchError';
  constructor(
    message: string,
    /** HTTP status when the server answered something else than 200. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

async function readBounded(chunks: AsyncIterable<Uint8Array>, source: string, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new SourceFetchError(`${source} is larger than ${maxBytes} bytes`);
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

/**
 * The whole content of a data source: an `http(s)://` URL (must answer 200), a `file://`
 * URL or a local path. Sizes are bounded; a slow source times out.
 */
export async function fetchSource(source: string, opts: FetchSourceOptions): Promise<Buffer> {
  if (!/^https?:\/\//i.test(source)) {
    const file = source.startsWith('file://') ? fileURLToPath(source) : source;
    try {
      return await readBounded(fs.createReadStream(file), source, opts.maxBytes);
    } catch (err) {
      if (err instanceof SourceFetchError) throw err;
      throw new SourceFetchError(`cannot read ${source}: ${(err as Error).message}`);
    }
  }
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: Response;
  try {
    // Some sources (db-ip) refuse requests without a user agent of their liking.
    res = await fetch(source, { signal, redirect: 'follow', headers: { 'user-agent': 'ooni-api' } });
  } catch (err) {
    throw new SourceFetchError(`cannot fetch ${source}: ${(err as Error).message}`);
  }
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    throw new SourceFetchError(`${source} answered HTTP ${res.status}`, res.status);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > opts.maxBytes) {
    await res.body.cancel();
    throw new SourceFetchError(`${source} is larger than ${opts.maxBytes} bytes`);
  }
  try {
    return await readBounded(res.body, source, opts.maxBytes);
  } catch (err) {
    if (err instanceof SourceFetchError) throw err;
    throw new SourceFetchError(`cannot fetch ${source}: ${(err as Error).message}`);
  }
}
