import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ASSETS_DIR, CONFIG_DIR } from '../project-paths';
import { AppConfig } from './app-config';
import { ConfigError } from './config.errors';
import { configSchema } from './config.schema';
import { envOverrides } from './env-overrides';
import { assertNoPlaceholders, resolveSecrets } from './secrets';

type Tree = Record<string, unknown>;

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Deep-merged last; used by tests and the CLI. */
  overrides?: Tree;
  cwd?: string;
}

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isTree(v) && isTree(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out;
}

function readYaml(file: string): Tree {
  let parsed: unknown;
  try {
    parsed = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isTree(parsed)) throw new ConfigError(`config file ${file} must contain a mapping`);
  return parsed;
}

function setPath(tree: Tree, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    if (!isTree(node[key])) node[key] = {};
    node = node[key] as Tree;
  }
  const last = keys[keys.length - 1];
  // Lists in env vars are comma separated.
  node[last] = Array.isArray(node[last]) ? String(value).split(',').filter(Boolean) : value;
}

/**
 * Loads configuration once: config/default.yaml, config/<NODE_ENV>.yaml, the file named by
 * OONI_CONFIG, environment variables, then `overrides`. Throws ConfigError naming every bad key.
 */
export function loadConfig(opts: LoadConfigOptions = {}): AppConfig {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  let tree = readYaml(path.join(CONFIG_DIR, 'default.yaml'));
  const nodeEnv = env.NODE_ENV;
  if (nodeEnv && /^[a-z]+$/.test(nodeEnv)) {
    const envFile = path.join(CONFIG_DIR, `${nodeEnv}.yaml`);
    if (fs.existsSync(envFile)) tree = deepMerge(tree, readYaml(envFile));
  }
  if (env.OONI_CONFIG) {
    const file = path.resolve(cwd, env.OONI_CONFIG);
    if (!fs.existsSync(file)) throw new ConfigError(`OONI_CONFIG points to a missing file: ${file}`);
    tree = deepMerge(tree, readYaml(file));
  }
  for (const [key, value] of envOverrides(env)) setPath(tree, key, value);
  if (opts.overrides) tree = deepMerge(tree, opts.overrides);

  const result = configSchema.safeParse(tree);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = result.data;
  values.var_dir = path.resolve(cwd, values.var_dir);
  values.clickhouse.path = values.clickhouse.path
    ? path.resolve(cwd, values.clickhouse.path)
    : path.join(values.var_dir, 'clickhouse');
  values.storage.local_path = values.storage.local_path
    ? path.resolve(cwd, values.storage.local_path)
    : path.join(values.var_dir, 'bucket');
  const ps = values.probe_services;
  ps.spool_dir = ps.spool_dir ? path.resolve(cwd, ps.spool_dir) : path.join(values.var_dir, 'spool');
  ps.tor_targets_file = path.resolve(cwd, ps.tor_targets_file || path.join(ASSETS_DIR, 'tor-targets.json'));
  ps.psiphon_config_file = path.resolve(cwd, ps.psiphon_config_file || path.join(ASSETS_DIR, 'psiphon-config.json'));
  values.geoip.dir = values.geoip.dir ? path.resolve(cwd, values.geoip.dir) : path.join(values.var_dir, 'geoip');
  const production = nodeEnv === 'production';
  // Every CHANGEME of the example in one message, then secrets that are missing altogether.
  if (production) assertNoPlaceholders(values);
  values.auth = { ...values.auth, ...resolveSecrets(values.auth, values.var_dir, production) };
  return new AppConfig(values);
}
