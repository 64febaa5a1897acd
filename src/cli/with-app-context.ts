import { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../common/config/app-config';
import { createLogger } from '../common/logging/create-logger';

/**
 * Runs `work` in an application context of `module` (no HTTP) with the configured logger, and
 * closes it afterwards, also on failure: what each one-shot CLI command does.
 */
export async function withAppContext<T>(
  module: DynamicModule,
  config: AppConfig,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const app = await NestFactory.createApplicationContext(module, { logger: createLogger(config), abortOnError: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
