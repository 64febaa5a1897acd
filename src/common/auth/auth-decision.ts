import { Reflector } from '@nestjs/core';
import { Role } from './auth.types';

/** Metadata key of a route's auth decision (set by `@Public()`, `@Roles()`, `@OptionalSession()`, …). */
export const AUTH_DECISION_KEY = 'ooni:auth-decision';

/**
 * Who may call a route. Every route carries exactly one: the global AuthGuard enforces it and
 * the application refuses to start while any route has none (RouteAuditService).
 */
export type AuthDecision =
  /** Anyone. */
  | { kind: 'public' }
  /** Anyone; a valid, non-expunged session token sets the current account. */
  | { kind: 'optional-session' }
  /** A valid, non-expunged session token whose role is listed. */
  | { kind: 'roles'; roles: readonly Role[] }
  /** A probe token from `POST /api/v1/login`. */
  | { kind: 'probe-token' }
  /** The fastpath feeder: loopback peers, or the shared `fastpath.feeder_secret`. */
  | { kind: 'feeder-secret' };

type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

/** The decision of a handler, or of its controller when the handler has none. */
export function authDecisionOf(reflector: Reflector, handler: Target, controller: Target): AuthDecision | undefined {
  return reflector.getAllAndOverride<AuthDecision | undefined>(AUTH_DECISION_KEY, [handler, controller]);
}
