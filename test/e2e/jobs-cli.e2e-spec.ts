import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

interface JobView {
  name: string;
  last_outcome: string | null;
  runs: number;
  running: boolean;
}

describe('operator CLI: jobs and run-job', () => {
  let dir: string;
  beforeAll(() => (dir = makeTempDir()));
  afterAll(() => removeDir(dir));

  const cli = (args: string[]): Promise<{ stdout: string; stderr: string }> =>
    run(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        OONI_VAR_DIR: dir,
        OONI__GEOIP__DIR: path.join(os.tmpdir(), 'ooni-test-geoip'),
      },
      timeout: 90000,
    });

  it('should say no job is recorded before any run', async () => {
    expect((await cli(['jobs'])).stdout).toMatch(/no job recorded yet/);
  });

  it('should run a job once, print its summary and record it for `jobs`', async () => {
    const { stdout } = await cli(['run-job', 'uploader', '--all']);
    expect(JSON.parse(stdout)).toMatchObject({ batches: 0, measurements: 0 });
    const status = JSON.parse((await cli(['jobs', '--json'])).stdout) as { jobs: JobView[] };
    expect(status.jobs.find((j) => j.name === 'uploader')).toMatchObject({
      last_outcome: 'success',
      runs: 1,
      running: false,
    });
    const table = (await cli(['jobs'])).stdout;
    expect(table).toMatch(/^job\s+cron \(UTC\)/);
    expect(table).toMatch(/\nuploader\s+5 \* \* \* \*\s+yes\s+idle\s+\S+\s+\d+ ms\s+success/);
  });

  it('should document the job commands in --help', async () => {
    const { stdout } = await cli(['--help']);
    for (const command of ['jobs', 'run-job', 'restore']) expect(stdout).toMatch(new RegExp(`\\n\\s+${command}\\b`));
  });

  it('should name an unknown job', async () => {
    await expect(cli(['run-job', 'nope'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Unknown job/),
    });
  });
});
