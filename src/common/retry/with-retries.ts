import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Attempts after the first one. */
  retries: number;
  /** Wait before the first retry; doubled for each next one. */
  baseMs: number;
  /** Longest single wait. */
  maxDelayMs?: number;
  /** Called before each retry (logging). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `work`, retrying a failure with exponential backoff; throws the last error when all attempts fail. */
export async function withRetries<T>(opts: RetryOptions, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= opts.retries) throw err;
      const delayMs = Math.min(opts.baseMs * 2 ** attempt, opts.maxDelayMs ?? 30_000);
      opts.onRetry?.(err, attempt + 1, delayMs);
      await sleep(delayMs);
    }
  }
}
