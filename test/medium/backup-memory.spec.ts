import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'test', 'helpers', 'backup-rss-main.ts');
// OONI_BACKUP_RSS_ROWS=2000000 for the figures of bench/README.md.
const ROWS = Number(process.env.OONI_BACKUP_RSS_ROWS ?? 400_000);

interface Figures {
  rows: number;
  chunks: number;
  seconds: number;
  baseline_mb: number;
  growth_mb: number;
}

/** Runs the helper in its own process, so that its peak RSS is the backup's alone. */
async function child(args: string[]): Promise<Figures> {
  const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Figures;
}

describe('backup memory (medium)', () => {
  const dir = makeTempDir('ooni-backup-rss-');
  afterAll(() => removeDir(dir));

  it('should keep the peak RSS of a chunked fastpath backup far below that of reading the table whole', async () => {
    const varDir = path.join(dir, 'var');
    expect((await child(['generate', varDir, String(ROWS)])).rows).toBeGreaterThanOrEqual(ROWS);
    const chunked = await child(['backup', varDir, path.join(dir, 'b1'), '100000', String(4 * 1024 * 1024)]);
    // One chunk for the whole table: what reading it in one query costs on embedded chDB.
    const whole = await child(['backup', varDir, path.join(dir, 'b2'), String(10 * ROWS), String(2 ** 40)]);
    process.stdout.write(
      `backup of ${ROWS} fastpath rows: chunked ${JSON.stringify(chunked)}, whole ${JSON.stringify(whole)}\n`,
    );
    expect(chunked.rows).toBe(whole.rows);
    expect(chunked.chunks).toBeGreaterThan(10);
    expect(whole.chunks).toBe(1);
    // Measured at 400k rows: ~+250 MB chunked, ~+1.1 GB whole; the bounds leave room for a busy machine.
    expect(chunked.growth_mb).toBeLessThan(whole.growth_mb / 2);
    expect(chunked.growth_mb).toBeLessThan(600);
  }, 900_000);
});
