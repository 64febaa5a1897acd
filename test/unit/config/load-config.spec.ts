import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../../../src/common/config/config.errors';
import { loadConfig } from '../../../src/common/config/load-config';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir('ooni-config-')));
  afterEach(() => removeDir(dir));

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ OONI_VAR_DIR: dir, ...extra });

  it('should apply the documented defaults and derive paths from var_dir', () => {
    const config = loadConfig({ env: env() });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8000);
    expect(config.var_dir).toBe(dir);
    expect(config.clickhouse.path).toBe(path.join(dir, 'clickhouse'));
    expect(config.storage.local_path).toBe(path.join(dir, 'bucket'));
    expect(config.isEmbeddedClickhouse).toBe(true);
  });

  it('should let environment variables override files', () => {
    const config = loadConfig({
      env: env({ PORT: '9123', CLICKHOUSE_URL: 'http://10.1.1.1:8123', OONI__STORAGE__S3__BUCKET: 'other' }),
    });
    expect(config.port).toBe(9123);
    expect(config.clickhouse.url).toBe('http://10.1.1.1:8123');
    expect(config.isEmbeddedClickhouse).toBe(false);
    expect(config.storage.s3.bucket).toBe('other');
  });

  it('should read the CORS allow-list from the environment and refuse a malformed origin pattern', () => {
    const config = loadConfig({
      env: env({
        OONI__HTTP__CORS__CREDENTIALED_ORIGINS: 'https://*.ooni.org,http://localhost:*',
        EXPLORER_URL: 'https://explorer.example.org',
      }),
    });
    expect(config.http.cors.credentialed_origins).toEqual(['https://*.ooni.org', 'http://localhost:*']);
    expect(config.explorer_url).toBe('https://explorer.example.org');
    expect(() => loadConfig({ env: env({ OONI__HTTP__CORS__CREDENTIALED_ORIGINS: 'explorer.ooni.org' }) })).toThrow(
      /http\.cors\.credentialed_origins/,
    );
  });

  it('should merge the file named by OONI_CONFIG over the defaults', () => {
    const file = path.join(dir, 'api.yaml');
    fs.writeFileSync(file, 'port: 8555\nstorage:\n  driver: s3\n  s3:\n    bucket: from-file\n');
    const config = loadConfig({ env: env({ OONI_CONFIG: file }) });
    expect(config.port).toBe(8555);
    expect(config.storage.driver).toBe('s3');
    expect(config.storage.s3.bucket).toBe('from-file');
    expect(config.storage.s3.region).toBe('us-east-1');
  });

  it('should name every bad key in one error', () => {
    expect(() => loadConfig({ env: env({ PORT: 'eighty', STORAGE_DRIVER: 'ftp' }) })).toThrow(
      expect.objectContaining({
        name: ConfigError.name,
        message: expect.stringMatching(/port:[\s\S]*storage\.driver:/),
      }),
    );
  });

  it('should keep a fastpath feeder without a shared secret on loopback', () => {
    const host = (h: string, secret = ''): NodeJS.ProcessEnv =>
      env({ OONI__FASTPATH__FEEDER_HOST: h, OONI__FASTPATH__FEEDER_SECRET: secret });
    for (const loopback of ['127.0.0.1', '127.3.2.1', '::1', 'localhost']) {
      expect(loadConfig({ env: host(loopback) }).fastpath.feeder_host).toBe(loopback);
    }
    for (const exposed of ['0.0.0.0', '10.0.0.5', '::', 'feeder.example.org']) {
      expect(() => loadConfig({ env: host(exposed) })).toThrow(/fastpath\.feeder_host: must be a loopback address/);
    }
    expect(loadConfig({ env: host('0.0.0.0', 'a-long-enough-secret') }).fastpath.feeder_host).toBe('0.0.0.0');
    expect(() => loadConfig({ env: host('0.0.0.0', 'short') })).toThrow(/fastpath\.feeder_secret/);
  });

  it('should fail clearly when OONI_CONFIG points to a missing file', () => {
    expect(() => loadConfig({ env: env({ OONI_CONFIG: path.join(dir, 'nope.yaml') }) })).toThrow(/missing file/);
  });

  it('should refuse to start in production without secrets', () => {
    expect(() => loadConfig({ env: env({ NODE_ENV: 'production' }) })).toThrow(/auth\.jwt_encryption_key/);
    expect(() =>
      loadConfig({ env: env({ NODE_ENV: 'production', JWT_ENCRYPTION_KEY: 'CHANGEME', ACCOUNT_ID_HASHING_KEY: 'k' }) }),
    ).toThrow(/auth\.jwt_encryption_key/);
  });

  it('should refuse to start in production while any value of the example is still CHANGEME', () => {
    const file = path.join(dir, 'api.yaml');
    fs.writeFileSync(file, 'clickhouse:\n  password: CHANGEME\nstorage:\n  s3:\n    secret_access_key: CHANGEME\n');
    const secrets = { JWT_ENCRYPTION_KEY: 'k1', ACCOUNT_ID_HASHING_KEY: 'k2' };
    expect(() => loadConfig({ env: env({ NODE_ENV: 'production', OONI_CONFIG: file, ...secrets }) })).toThrow(
      /CHANGEME value\(s\) in production: clickhouse\.password, storage\.s3\.secret_access_key/,
    );
    // Outside production the embedded quick start does not care.
    expect(loadConfig({ env: env({ OONI_CONFIG: file }) }).clickhouse.password).toBe('CHANGEME');
  });

  it('should generate missing secrets once outside production and keep them across loads', () => {
    const first = loadConfig({ env: env() });
    const second = loadConfig({ env: env() });
    expect(first.auth.jwt_encryption_key).toMatch(/^[0-9a-f]{32}$/);
    expect(first.auth.account_id_hashing_key).toMatch(/^[0-9a-f]{32}$/);
    expect(second.auth.jwt_encryption_key).toBe(first.auth.jwt_encryption_key);
    expect(second.auth.account_id_hashing_key).toBe(first.auth.account_id_hashing_key);
    expect(first.auth.jwt_encryption_key).not.toBe(first.auth.account_id_hashing_key);
  });

  it('should use secrets from the environment as given', () => {
    const config = loadConfig({ env: env({ JWT_ENCRYPTION_KEY: 'k1', ACCOUNT_ID_HASHING_KEY: 'k2' }) });
    expect(config.auth).toMatchObject({ jwt_encryption_key: 'k1', account_id_hashing_key: 'k2' });
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });
});
