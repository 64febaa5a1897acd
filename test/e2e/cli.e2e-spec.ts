import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { MIGRATIONS } from '../../src/common/clickhouse/migrations';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

describe('operator CLI', () => {
  let dir: string;
  beforeAll(() => (dir = makeTempDir()));
  afterAll(() => removeDir(dir));

  const cli = (args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> =>
    run(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', OONI_VAR_DIR: dir, ...env },
      timeout: 60000,
    });

  it('should migrate once, then find the schema up to date', async () => {
    expect((await cli(['migrate'])).stdout).toBe(`applied: ${MIGRATIONS.map((m) => m.id).join(', ')}\n`);
    expect((await cli(['migrate'])).stdout).toBe('schema is up to date\n');
  });

  it('should show the effective configuration with every secret redacted', async () => {
    const { stdout } = await cli(['show-config'], {
      JWT_ENCRYPTION_KEY: 'very-secret-jwt-key',
      ACCOUNT_ID_HASHING_KEY: 'very-secret-hashing-key',
      S3_SECRET_ACCESS_KEY: 'very-secret-s3-key',
      OONI__AUTH__SMTP__PASSWORD: 'very-secret-smtp',
      PORT: '9999',
    });
    expect(stdout).toContain('port: 9999');
    expect(stdout).not.toContain('very-secret');
    expect(stdout.match(/<redacted>/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('should stop with a clear error for bad configuration', async () => {
    await expect(cli(['show-config'], { PORT: 'eighty' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/port:/),
    });
  });

  it('should refuse to serve with one line naming a file it cannot read', async () => {
    const missing = path.join(dir, 'no-such-tor-targets.json');
    const failure = await cli(['serve'], { OONI__PROBE_SERVICES__TOR_TARGETS_FILE: missing, PORT: '0' }).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure).toMatchObject({ code: 1 });
    const { stderr } = failure as { stderr: string };
    expect(stderr.trim().split('\n')).toEqual([
      `error: cannot read ${missing} (tor targets served to probes): ENOENT; reinstall the package or fix the path in the configuration`,
    ]);
  });

  it('should document every command with --help', async () => {
    const { stdout } = await cli(['--help']);
    for (const command of [
      'serve',
      'migrate',
      'show-config',
      'fastpath',
      'fastpath-feeder',
      'create-admin',
      'uploader',
    ]) {
      expect(stdout).toContain(command);
    }
  });
});
