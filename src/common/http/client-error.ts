import { STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';

function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Answers requests Node's HTTP parser rejects before any route sees them (oversized headers,
 * malformed request lines) with a legacy JSON error, and says `Connection: close` since the
 * connection is closed right after. Fastify's default handler omits that header.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = statusOf(err.code);
  const body = JSON.stringify({ error: STATUS_CODES[status] ?? 'Bad Request' });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Cache-Control: no-cache\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
