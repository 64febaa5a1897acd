import { SetMetadata } from '@nestjs/common';

export const SKIP_QUOTA_KEY = 'ooni:skip-quota';

/** The route (or every route of the controller) is never metered, like the `quotas.unmetered_paths`. */
export const SkipQuota = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_QUOTA_KEY, true);
