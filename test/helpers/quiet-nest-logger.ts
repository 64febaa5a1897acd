import { Logger } from '@nestjs/common';

/** Silences Nest's logger for the enclosing `describe` (expected warnings and errors), then restores it. */
export function quietNestLogger(): void {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn']);
  });
}
