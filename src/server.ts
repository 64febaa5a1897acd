import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { AppConfig } from './common/config/app-config';
import { checkRuntimeFiles, runtimeFiles } from './common/startup/runtime-files';

/** Checks what the server reads at run time, builds the application and listens (`npm start`, `cli serve`). */
export async function startServer(config: AppConfig): Promise<NestFastifyApplication> {
  checkRuntimeFiles(runtimeFiles(config));
  const app = await createApp(config);
  await app.listen({ host: config.host, port: config.port });
  new Logger('Bootstrap').log(`listening on ${await app.getUrl()} (API docs at /apidocs)`);
  return app;
}
