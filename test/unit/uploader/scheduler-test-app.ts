import { ClickHouseClient } from '@clickhouse/client';
import { Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ScheduleModule } from '@nestjs/schedule';
import { AppModule } from '../../../src/app.module';
import { CLICKHOUSE } from '../../../src/common/clickhouse/clickhouse.constants';
import { AllExceptionsFilter } from '../../../src/common/errors/all-exceptions.filter';
import { installBodyParser } from '../../../src/common/http/body-parser';
import { SchedulerModule } from '../../../src/modules/scheduler/scheduler.module';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { testConfig } from '../../helpers/test-config';

/**
 * The whole application plus the scheduler module, on embedded chDB in a temp dir. Uses
 * startTestApp once AppModule includes SchedulerModule; until then adds it (and the
 * schedule registry) itself, applying what createApp applies.
 */
export async function startSchedulerTestApp(overrides: Record<string, unknown>): Promise<TestApp> {
  const varDir = makeTempDir();
  const config = testConfig(varDir, overrides);
  const root = AppModule.forRoot(config);
  let t: TestApp;
  if (root.imports?.includes(SchedulerModule)) {
    t = await startTestApp(overrides, { varDir });
  } else {
    @Module({ imports: [root, ScheduleModule.forRoot(), SchedulerModule] })
    class SchedulerTestModule {}
    const app = await NestFactory.create<NestFastifyApplication>(SchedulerTestModule, new FastifyAdapter(), {
      bodyParser: false,
      logger: process.env.OONI_TEST_LOGS ? undefined : false,
      abortOnError: false,
    });
    installBodyParser(app.getHttpAdapter().getInstance(), config.http.body_limit_bytes);
    app.useGlobalFilters(new AllExceptionsFilter());
    app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: false }));
    await app.init();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.getHttpServer().address();
    if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
    t = {
      app,
      config,
      clickhouse: app.get<ClickHouseClient>(CLICKHOUSE),
      url: `http://127.0.0.1:${address.port}`,
      varDir,
      close: async () => {
        await app.close();
        removeDir(varDir);
      },
    };
  }
  return t;
}
