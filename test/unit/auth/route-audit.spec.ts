import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { OptionalSession } from '../../../src/common/auth/optional-session.decorator';
import { Public } from '../../../src/common/auth/public.decorator';
import { Roles } from '../../../src/common/auth/roles.decorator';
import { listRoutes, RouteAuditService } from '../../../src/common/auth/route-audit';

@Controller('decided')
class DecidedController {
  @Get(['a', 'b'])
  @Public()
  open(): string {
    return 'a';
  }

  @Post('admin')
  @Roles('admin')
  admin(): string {
    return 'b';
  }
}

@Controller()
@OptionalSession()
class ClassLevelController {
  @Get('whoami')
  whoami(): string {
    return 'c';
  }
}

@Controller('forgotten')
class UndecidedController {
  @Get('open')
  @Public()
  open(): string {
    return 'd';
  }

  @Post('write')
  write(): string {
    return 'e';
  }
}

async function bootstrap(controllers: Array<new () => object>): Promise<{ init: () => Promise<unknown> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [RouteAuditService],
  }).compile();
  return { init: () => moduleRef.init().finally(() => moduleRef.close()) };
}

describe(RouteAuditService.name, () => {
  it('should list every method and path with the handler or controller decision', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [DecidedController, ClassLevelController, UndecidedController],
    }).compile();
    const routes = listRoutes(moduleRef.get(DiscoveryService), moduleRef.get(Reflector));
    const summary = routes.map((r) => [r.method, r.path, r.decision?.kind ?? 'none']);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['GET', '/decided/a', 'public'],
        ['GET', '/decided/b', 'public'],
        ['POST', '/decided/admin', 'roles'],
        ['GET', '/whoami', 'optional-session'],
        ['GET', '/forgotten/open', 'public'],
        ['POST', '/forgotten/write', 'none'],
      ]),
    );
    expect(summary).toHaveLength(6);
  });

  it('should refuse to start an application with a route that makes no decision', async () => {
    const app = await bootstrap([DecidedController, UndecidedController]);
    await expect(app.init()).rejects.toThrow(/POST \/forgotten\/write \(UndecidedController\.write\)/);
  });

  it('should start when every route makes a decision', async () => {
    const app = await bootstrap([DecidedController, ClassLevelController]);
    await expect(app.init()).resolves.toBeDefined();
  });
});
