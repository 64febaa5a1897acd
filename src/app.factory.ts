import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig } from './common/config/app-config';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { installBodyParser } from './common/http/body-parser';
import { clientErrorHandler } from './common/http/client-error';
import { enableCors } from './common/http/cors';
import { ignoreStraySignals, SHUTDOWN_SIGNALS } from './common/http/shutdown-signals';
import { createLogger } from './common/logging/create-logger';
import { mountOpenApi } from './common/openapi/openapi';

export interface CreateAppOptions {
  /** Silence Nest's own logger (apispec generation). */
  quiet?: boolean;
}

/**
 * The HTTP conventions every Fastify-backed app of this project follows: one body parser
 * (JSON whatever the content type, raw bytes where a route asks), the legacy JSON error
 * shape, and DTO validation.
 */
export function applyHttpConventions(app: NestFastifyApplication, bodyLimit: number): void {
  installBodyParser(app.getHttpAdapter().getInstance(), bodyLimit);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: false }));
}

/** Builds the whole backend as one Fastify-backed Nest application (not yet listening). */
export async function createApp(config: AppConfig, opts: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.body_limit_bytes,
    trustProxy: config.http.trusted_proxies.length > 0 ? config.http.trusted_proxies : false,
    return503OnClosing: true,
    clientErrorHandler,
    // No Nest middleware is used: without @fastify/middie no request walks an empty middleware chain.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: opts.quiet ? false : createLogger(config),
    abortOnError: false,
  });
  applyHttpConventions(app, config.http.body_limit_bytes);
  enableCors(app, config.http.cors);
  app.enableShutdownHooks(SHUTDOWN_SIGNALS);
  ignoreStraySignals();
  mountOpenApi(app);
  await app.init();
  return app;
}
