import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Command } from 'commander';
import { loadConfig } from '../common/config/load-config';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { installBodyParser } from '../common/http/body-parser';
import { clientErrorHandler } from '../common/http/client-error';
import { ignoreStraySignals, SHUTDOWN_SIGNALS } from '../common/http/shutdown-signals';
import { createLogger } from '../common/logging/create-logger';
import { FastpathProcessModule } from '../modules/fastpath/feed/fastpath-process.module';

/** Runs the fastpath as its own process, fed over HTTP by API hosts (`fastpath.feeder_url`). */
export function fastpathFeederCommand(): Command {
  return new Command('fastpath-feeder')
    .description('Run the fastpath as its own process, listening on fastpath.feeder_host:feeder_port')
    .action(async () => {
      // This process scores what it receives: it never forwards.
      const config = loadConfig({ overrides: { fastpath: { enabled: true, feeder_url: '' } } });
      const app = await NestFactory.create<NestFastifyApplication>(
        FastpathProcessModule.forRoot(config),
        new FastifyAdapter({ bodyLimit: config.http.body_limit_bytes, clientErrorHandler }),
        { bodyParser: false, logger: createLogger(config), abortOnError: false },
      );
      installBodyParser(app.getHttpAdapter().getInstance(), config.http.body_limit_bytes);
      app.useGlobalFilters(new AllExceptionsFilter());
      app.enableShutdownHooks(SHUTDOWN_SIGNALS);
      ignoreStraySignals();
      await app.listen({ host: config.fastpath.feeder_host, port: config.fastpath.feeder_port });
      const address = app.getHttpServer().address();
      const port = address !== null && typeof address === 'object' ? address.port : config.fastpath.feeder_port;
      new Logger('Fastpath').log(`feeder listening on ${config.fastpath.feeder_host}:${port}`);
      process.stdout.write(`LISTENING ${port}\n`);
    });
}
