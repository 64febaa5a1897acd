/** Raised when configuration cannot be loaded or fails validation; the message names every bad key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
