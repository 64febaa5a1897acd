import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

// Runs in the child: the real `cli uploader` code path, plus test-only uploader options and crash hook.
const UPLOADER_SCRIPT = `
require('reflect-metadata');
const { loadConfig } = require('./src/common/config/load-config');
const { runUploader } = require('./src/cli/uploader.command');
const { setCrashHook } = require('./src/modules/scheduler/uploader/crash-points');
const config = loadConfig();
Object.assign(config.uploader, JSON.parse(process.env.TEST_UPLOADER_OPTIONS || '{}'));
// TEST_CRASH_AT=<point> (or <point>:<n>, the n-th time it is reached): SIGKILL there, like a power loss.
const [crashAt, nth] = (process.env.TEST_CRASH_AT || '').split(':');
const seen = new Map();
setCrashHook((point) => {
  if (point !== crashAt) return;
  seen.set(point, (seen.get(point) || 0) + 1);
  if (seen.get(point) === Number(nth || 1)) process.kill(process.pid, 'SIGKILL');
});
runUploader(config, { all: process.env.TEST_UPLOADER_ALL === '1' }).then(
  (s) => process.stdout.write('SUMMARY ' + JSON.stringify(s) + '\\n'),
  (e) => { process.stderr.write(String(e && e.message) + '\\n'); process.exit(3); },
);
`;

// Creates the schema once, so that the timed children do not.
const MIGRATE_SCRIPT = `
require('reflect-metadata');
const { loadConfig } = require('./src/common/config/load-config');
const { createClickhouseClient } = require('./src/common/clickhouse/create-clickhouse-client');
const { Migrator } = require('./src/common/clickhouse/migrator');
(async () => {
  const client = await createClickhouseClient(loadConfig());
  await new Migrator(client).migrate();
  await client.close();
})().catch((e) => { process.stderr.write(String(e) + '\\n'); process.exit(3); });
`;

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runScript(script: string, env: Record<string, string>): Promise<ChildResult> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** One uploader run in a child process; `crashAt` (`<point>` or `<point>:<n>`) kills it at that crash point. */
export function runUploaderChild(
  env: Record<string, string>,
  opts: { crashAt?: string; all?: boolean; options?: object } = {},
): Promise<ChildResult> {
  return runScript(UPLOADER_SCRIPT, {
    ...env,
    TEST_CRASH_AT: opts.crashAt ?? '',
    TEST_UPLOADER_ALL: opts.all ? '1' : '0',
    TEST_UPLOADER_OPTIONS: JSON.stringify(opts.options ?? {}),
  });
}

export function migrateInChild(env: Record<string, string>): Promise<ChildResult> {
  return runScript(MIGRATE_SCRIPT, env);
}
