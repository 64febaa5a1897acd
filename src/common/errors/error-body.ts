import { HttpException, HttpStatus } from '@nestjs/common';

export interface ErrorBody {
  error: string;
  [extra: string]: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Quota exceeded',
};

function messageOf(response: unknown): string | undefined {
  if (typeof response === 'string') return response;
  if (typeof response !== 'object' || response === null) return undefined;
  const r = response as { error?: unknown; message?: unknown };
  // class-validator produces a list of messages.
  if (Array.isArray(r.message)) return r.message.map(String).join('; ');
  if (typeof r.message === 'string') return r.message;
  if (typeof r.error === 'string') return r.error;
  return undefined;
}

/** Maps any thrown value to a status and the legacy JSON error body. Never leaks internals on 5xx. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    // ValidationPipe errors carry `error: 'Bad Request'` next to the real messages.
    const validation = (response as { message?: unknown } | null)?.message;
    if (Array.isArray(validation)) return { status, body: { error: validation.map(String).join('; ') } };
    if (typeof response === 'object' && response !== null && typeof (response as ErrorBody).error === 'string') {
      const { statusCode: _statusCode, message: _message, ...rest } = response as ErrorBody;
      return { status, body: rest };
    }
    const message = status >= 500 ? 'Internal server error' : (messageOf(response) ?? STATUS_TEXT[status] ?? 'Error');
    return { status, body: { error: message } };
  }
  // Fastify's own errors (body parsing, body limit) carry a 4xx statusCode.
  const statusCode = (err as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, body: { error: (err as Error).message || (STATUS_TEXT[statusCode] ?? 'Error') } };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { error: 'Internal server error' } };
}
