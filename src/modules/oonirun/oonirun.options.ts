import { AppConfig } from '../../common/config/app-config';

export interface OonirunOptions {
  /** Most inputs one nettest of a link may list. */
  maxInputs: number;
  /** A link created without expiration_date expires this many days later. */
  defaultExpirationDays: number;
  /** How long the engine descriptor reuses a link's rows (0: read them every time). */
  engineCacheMs: number;
}

export const OONIRUN_OPTIONS = Symbol('OONIRUN_OPTIONS');

export const oonirunOptionsFromConfig = (config: AppConfig): OonirunOptions => ({
  maxInputs: config.oonirun.max_inputs,
  defaultExpirationDays: config.oonirun.default_expiration_days,
  engineCacheMs: config.oonirun.engine_cache_s * 1000,
});
