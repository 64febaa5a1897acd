import { HttpException } from '@nestjs/common';

/** The status and legacy `{"error"}` message `fn` throws (fails when it does not throw one). */
export function apiErrorOf(fn: () => unknown): { status: number; error: string } {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof HttpException)) throw err;
    return { status: err.getStatus(), error: (err.getResponse() as { error: string }).error };
  }
  throw new Error('expected an API error, nothing was thrown');
}
