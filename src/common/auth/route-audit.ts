import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AuthDecision, authDecisionOf } from './auth-decision';

export interface RouteAuth {
  /** `GET`, `POST`, … */
  method: string;
  /** Nest's path, e.g. `/api/v1/measurement/:measurement_uid`. */
  path: string;
  /** `Controller.handler`. */
  handler: string;
  decision: AuthDecision | undefined;
}

type Handler = (...args: never[]) => unknown;

function joinPath(base: string, route: string): string {
  return `/${[base, route].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
}

function asArray(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every route of the application's controllers, every method and path, with its auth decision. */
export function listRoutes(discovery: DiscoveryService, reflector: Reflector): RouteAuth[] {
  const scanner = new MetadataScanner();
  const routes: RouteAuth[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (Handler & { prototype: Record<string, unknown> }) | null;
    if (!controller) continue;
    const bases = asArray(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = controller.prototype[name] as Handler;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const paths = asArray(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
      if (method === undefined || paths.length === 0) continue;
      const decision = authDecisionOf(reflector, handler, controller);
      for (const base of bases.length > 0 ? bases : ['']) {
        for (const p of paths) {
          routes.push({
            method: RequestMethod[method],
            path: joinPath(base, p),
            handler: `${controller.name}.${name}`,
            decision,
          });
        }
      }
    }
  }
  return routes;
}

/** Refuses to start an application with a route that makes no auth decision. */
@Injectable()
export class RouteAuditService implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const undecided = listRoutes(this.discovery, this.reflector).filter((r) => r.decision === undefined);
    if (undecided.length > 0) {
      const names = undecided.map((r) => `${r.method} ${r.path} (${r.handler})`).join(', ');
      throw new Error(
        `Routes without an auth decision (add @Public(), @Roles(), @Authenticated(), @OptionalSession() or @ProbeToken()): ${names}`,
      );
    }
  }
}
