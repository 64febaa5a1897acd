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
