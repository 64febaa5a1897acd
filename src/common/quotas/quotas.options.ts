import { AppConfig } from '../config/app-config';
import { QuotaLimits } from './quota-budget';

export interface QuotaOptions {
  enabled: boolean;
  /** LMDB directory shared by every API process of the host; empty: `<var_dir>/quotas`. */
  dir: string;
  /** Budgets of anonymous callers, per IPv4 /24 or IPv6 /48 (legacy ipaddr_per_month/week/day). */
  subnet_limits: QuotaLimits;
  /** Budgets of callers with a valid session token, per account. */
  account_limits: QuotaLimits;
  /** Paths never metered: exact, or a prefix when ending in `*` (legacy unmetered_pages). */
  unmetered_paths: string[];
  /** Client addresses and CIDR ranges never metered (legacy whitelisted_ipaddrs). */
  exempt_networks: string[];
}

export const QUOTA_OPTIONS = Symbol('QUOTA_OPTIONS');

export type QuotaOptionsOverrides = Partial<Omit<QuotaOptions, 'subnet_limits' | 'account_limits'>> & {
  subnet_limits?: Partial<QuotaLimits>;
  account_limits?: Partial<QuotaLimits>;
};

function defined<T extends object>(obj: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(obj ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function mergeQuotaOptions(base: QuotaOptions, over: QuotaOptionsOverrides | undefined): QuotaOptions {
  const merged: QuotaOptions = {
    ...base,
    ...defined(over),
    subnet_limits: { ...base.subnet_limits, ...defined(over?.subnet_limits) },
    account_limits: { ...base.account_limits, ...defined(over?.account_limits) },
  };
  for (const [name, limits] of [
    ['subnet_limits', merged.subnet_limits],
    ['account_limits', merged.account_limits],
  ] as const) {
    for (const [k, v] of Object.entries(limits)) {
      if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) {
        throw new Error(`quotas.${name}.${k} must be a positive number of seconds`);
      }
    }
  }
  return merged;
}

/** The `quotas` configuration section (defaults: config/default.yaml), `dir` made absolute. */
export function quotaOptionsFromConfig(config: AppConfig, overrides?: QuotaOptionsOverrides): QuotaOptions {
  const options = mergeQuotaOptions(config.quotas, overrides);
  return { ...options, dir: options.dir || config.varPath('quotas') };
}
