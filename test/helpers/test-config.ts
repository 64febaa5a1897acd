import { AppConfig } from '../../src/common/config/app-config';
import { loadConfig } from '../../src/common/config/load-config';

type Overrides = Record<string, unknown>;

/** Test configuration: config/test.yaml plus a private var_dir (embedded chDB lives there). */
export function testConfig(varDir: string, overrides: Overrides = {}): AppConfig {
  return loadConfig({ env: { NODE_ENV: 'test' }, overrides: { var_dir: varDir, ...overrides } });
}
