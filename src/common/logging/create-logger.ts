import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

const ORDER: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/**
 * Logs go to stdout: one JSON object per line by default (journald and log shippers read
 * them as is), or plain colourless lines for a terminal.
 */
export function createLogger(config: AppConfig): ConsoleLogger {
  const from = ORDER.indexOf(config.log.level);
  return new ConsoleLogger({ json: config.log.json, colors: false, logLevels: ORDER.slice(from) });
}
