/**
 * Environment variables that override configuration keys. Besides these names, any
 * `OONI__SECTION__KEY=value` sets `section.key` (double underscores separate levels).
 */
const ALIASES: Record<string, string> = {
  HOST: 'host',
  PORT: 'port',
  OONI_VAR_DIR: 'var_dir',
  BASE_URL: 'base_url',
  EXPLORER_URL: 'explorer_url',
  LOG_LEVEL: 'log.level',
  CLICKHOUSE_URL: 'clickhouse.url',
  CLICKHOUSE_USERNAME: 'clickhouse.username',
  CLICKHOUSE_PASSWORD: 'clickhouse.password',
  STORAGE_DRIVER: 'storage.driver',
  S3_ENDPOINT: 'storage.s3.endpoint',
  S3_BUCKET: 'storage.s3.bucket',
  S3_ACCESS_KEY_ID: 'storage.s3.access_key_id',
  S3_SECRET_ACCESS_KEY: 'storage.s3.secret_access_key',
  STATSD_HOST: 'metrics.statsd_host',
  JWT_ENCRYPTION_KEY: 'auth.jwt_encryption_key',
  ACCOUNT_ID_HASHING_KEY: 'auth.account_id_hashing_key',
  GITHUB_USER: 'citizenlab.submission.github_user',
  GITHUB_TOKEN: 'citizenlab.submission.github_token',
};

export const ENV_ALIASES: Readonly<Record<string, string>> = ALIASES;

/** Returns `[dotted.key, value]` pairs found in `env`. */
export function envOverrides(env: NodeJS.ProcessEnv): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (name in ALIASES) {
      out.push([ALIASES[name], value]);
    } else if (name.startsWith('OONI__')) {
      out.push([name.slice('OONI__'.length).toLowerCase().split('__').join('.'), value]);
    }
  }
  return out;
}
