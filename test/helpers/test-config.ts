import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../../src/common/config/app-config';
import { loadConfig } from '../../src/common/config/load-config';

type Overrides = Record<string, unknown>;

// The default GeoIP databases take seconds to build: share one copy between test apps
// (installation writes a temp file and renames it, so parallel workers are safe).
const SHARED_GEOIP_DIR = path.join(os.tmpdir(), 'ooni-test-geoip');

/** Test configuration: config/test.yaml plus a private var_dir (embedded chDB lives there). */
export function testConfig(varDir: string, overrides: Overrides = {}): AppConfig {
  return loadConfig({
    env: { NODE_ENV: 'test' },
    overrides: { var_dir: varDir, geoip: { dir: SHARED_GEOIP_DIR }, ...overrides },
  });
}

/**
 * The configuration defaults (config/default.yaml + config/test.yaml) for unit tests that
 * need option values without a data directory: secrets given, so nothing is written.
 */
export function defaultTestConfig(overrides: Overrides = {}): AppConfig {
  return loadConfig({
    overrides,
    env: {
      NODE_ENV: 'test',
      OONI_VAR_DIR: path.join(os.tmpdir(), 'ooni-unused-var'),
      JWT_ENCRYPTION_KEY: 'unit-test-jwt-key',
      ACCOUNT_ID_HASHING_KEY: 'unit-test-hashing-key',
    },
  });
}
