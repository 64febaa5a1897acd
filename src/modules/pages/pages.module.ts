import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { PagesController } from './pages.controller';

@Module({ controllers: [PagesController] })
export class PagesModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Legacy `/api/` showed the docs: send it to `/apidocs`. Nest drops a route's trailing slash
   * (and `/api` alone is no legacy URL), so this one public redirect is a plain Fastify route.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.get('/api/', async (_request, reply) => reply.redirect('/apidocs', 302));
  }
}
