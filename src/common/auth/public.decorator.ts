import { SetMetadata } from '@nestjs/common';
import { AUTH_DECISION_KEY, AuthDecision } from './auth-decision';

/**
 * Anyone may call this route (probes, Explorer, anonymous researchers). Every route must
 * make an explicit auth decision (see `AuthDecision`); a route with none stops the start.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata<string, AuthDecision>(AUTH_DECISION_KEY, { kind: 'public' });
