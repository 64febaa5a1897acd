import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './error-body';

/** The one exception filter: every error leaves as legacy JSON, 5xx details only go to the log. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { status, body } = toErrorBody(exception);
    if (status >= 500) {
      this.logger.error(
        `request ${request.id} ${request.method} ${request.url} failed: ${(exception as Error)?.stack ?? String(exception)}`,
      );
    }
    void reply.status(status).header('cache-control', 'no-cache').send(body);
  }
}
