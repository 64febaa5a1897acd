import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { fixtureLists, TestListsUpstream } from '../helpers/test-lists-repo';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

describe('cli update-citizenlab', () => {
  let dir: string;
  let upstream: TestListsUpstream;

  beforeAll(() => {
    dir = makeTempDir('ooni-citizenlab-cli-');
    upstream = new TestListsUpstream(dir);
  });
  afterAll(() => removeDir(dir));

  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        OONI_VAR_DIR: path.join(dir, 'var'),
        OONI__CITIZENLAB__REPO_URL: upstream.url,
        OONI__CITIZENLAB__MIN_URLS: '10',
        ...env,
      },
      timeout: 120_000,
    });
  const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;

  it('should validate on --dry-run, import without it, and exit 1 on an invalid list', async () => {
    const commit = upstream.commit(fixtureLists());
    const dry = summaryOf((await cli(['update-citizenlab', '--dry-run'])).stdout);
    expect(dry).toMatchObject({ ok: true, dry_run: true, commit });

    const real = summaryOf((await cli(['update-citizenlab'])).stdout);
    expect(real).toMatchObject({ ok: true, dry_run: false, commit, urls: dry.urls });

    upstream.commit({ 'mk.csv': `${fixtureLists()['mk.csv']}not a url,NEWS,News Media,2024-01-01,,\n` });
    const failed = await cli(['update-citizenlab']).then(
      () => null,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(summaryOf(failed?.stdout ?? '')).toMatchObject({ ok: false });
    expect(String(summaryOf(failed?.stdout ?? '').error)).toContain('mk.csv line');
  }, 240_000);

  it('should redact the GitHub token in show-config', async () => {
    const { stdout } = await cli(['show-config'], { GITHUB_TOKEN: 'ghp_very_secret_token', GITHUB_USER: 'ooni-bot' });
    expect(stdout).toContain('github_user: ooni-bot');
    expect(stdout).not.toContain('ghp_very_secret_token');
  });
});
