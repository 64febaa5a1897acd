import { AppConfig } from '../../common/config/app-config';

export interface OonirunOptions {
  /** Most inputs one nettest of a link may list. */
  maxInputs: number;
  /** A link created without expiration_date expires this many days later. */
  defaultExpirationDays: number;
}

export const OONIRUN_OPTIONS = Symbol('OONIRUN_OPTIONS');

export const oonirunOptionsFromConfig = (config: AppConfig): OonirunOptions => ({
  maxInputs: config.oonirun.max_inputs,
  defaultExpirationDays: config.oonirun.default_expiration_days,
});
