import { Global, Module } from '@nestjs/common';
import { ResponseCache } from './response-cache.service';
import { ServerCacheInterceptor } from './server-cache.interceptor';

/** The in-memory response cache behind `@ServerCached()`. */
@Global()
@Module({
  providers: [ResponseCache, ServerCacheInterceptor],
  exports: [ResponseCache, ServerCacheInterceptor],
})
export class ResponseCacheModule {}
