import { Logger } from '@nestjs/common';

/** Only these stop the server gracefully (Nest shutdown hooks). */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'];

/** Signals whose default action would kill the process, which must not stop the server. */
const IGNORED_SIGNALS: NodeJS.Signals[] = ['SIGUSR2', 'SIGHUP'];

let installed = false;

/**
 * Keeps stray signals (SIGUSR2 from tools such as nodemon, SIGHUP from a closed terminal)
 * from terminating the server: they are logged and ignored. Installed once per process.
 */
export function ignoreStraySignals(): void {
  if (installed) return;
  installed = true;
  const logger = new Logger('Signals');
  for (const signal of IGNORED_SIGNALS) {
    process.on(signal, () => logger.log(`${signal} ignored (SIGTERM or SIGINT stops the server)`));
  }
}
