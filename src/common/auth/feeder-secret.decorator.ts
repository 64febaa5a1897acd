import { SetMetadata } from '@nestjs/common';
import { AUTH_DECISION_KEY, AuthDecision } from './auth-decision';

/**
 * The fastpath feeder's internal route: callers on loopback, or any caller presenting
 * `Authorization: Bearer <fastpath.feeder_secret>` when a secret is configured.
 */
export const FeederSecret = (): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AuthDecision>(AUTH_DECISION_KEY, { kind: 'feeder-secret' });
