import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from './config.errors';

export const SECRET_KEYS = ['jwt_encryption_key', 'account_id_hashing_key'] as const;
type Secrets = Record<(typeof SECRET_KEYS)[number], string>;

const PLACEHOLDER = 'CHANGEME';

/**
 * Secrets never have production defaults. In production a missing or placeholder secret
 * stops the process; elsewhere (the embedded quick start, tests) missing secrets are
 * generated once and kept in `<var_dir>/secrets.json` so tokens survive restarts.
 */
export function resolveSecrets(current: Secrets, varDir: string, production: boolean): Secrets {
  const missing = SECRET_KEYS.filter((k) => current[k] === '' || current[k] === PLACEHOLDER);
  if (missing.length === 0) return current;
  if (production) {
    throw new ConfigError(
      `missing or ${PLACEHOLDER} secret(s) in production: ${missing.map((k) => `auth.${k}`).join(', ')}` +
        ` (set them in the OONI_CONFIG file, e.g. /etc/ooni/api.yaml, or the environment)`,
    );
  }
  const file = path.join(varDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>;
  let changed = false;
  for (const key of missing) {
    if (!stored[key]) {
      stored[key] = randomBytes(16).toString('hex');
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(varDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const out = { ...current };
  for (const key of missing) out[key] = stored[key] as string;
  return out;
}

/**
 * Every key whose value is still the example's placeholder (e.g. `clickhouse.password`,
 * `storage.s3.secret_access_key`): production refuses to start with any of them.
 */
export function placeholderKeys(config: unknown, prefix = ''): string[] {
  if (config === PLACEHOLDER) return [prefix];
  if (config === null || typeof config !== 'object') return [];
  return Object.entries(config).flatMap(([key, value]) => placeholderKeys(value, prefix ? `${prefix}.${key}` : key));
}

export function assertNoPlaceholders(config: unknown): void {
  const keys = placeholderKeys(config);
  if (keys.length > 0) {
    throw new ConfigError(
      `${PLACEHOLDER} value(s) in production: ${keys.join(', ')} (set them in the OONI_CONFIG file, e.g. /etc/ooni/api.yaml)`,
    );
  }
}
