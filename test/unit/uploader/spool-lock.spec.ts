import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpoolLock, SpoolLockedError } from '../../../src/modules/scheduler/uploader/spool-lock';
import { UploadCounter } from '../../../src/modules/scheduler/uploader/upload-counter';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

describe(SpoolLock.name, () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeDir(dir));

  it('should let one holder at a time take the lock, naming the owner pid', async () => {
    const file = path.join(dir, 'uploader.lock');
    const a = new SpoolLock(file);
    const b = new SpoolLock(file);
    await a.acquire();
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number }).pid).toBe(process.pid);
    const err = await b.acquire().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpoolLockedError);
    expect((err as SpoolLockedError).ownerPid).toBe(process.pid);
    expect((err as Error).message).toContain(`pid ${process.pid}`);
    await a.release();
    expect(fs.existsSync(file)).toBe(false);
    await b.acquire();
    await b.release();
  });

  it('should take over a lock left by a dead process, and never remove a lock it does not own', async () => {
    const file = path.join(dir, 'uploader.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    fs.writeFileSync(file, JSON.stringify({ pid: deadPid, start: '1', nonce: 'old' }));
    const lock = new SpoolLock(file);
    await lock.acquire();
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number }).pid).toBe(process.pid);

    // Someone else's lock replaced ours (e.g. removed by hand): releasing leaves it alone.
    fs.writeFileSync(file, JSON.stringify({ pid: 1, start: '', nonce: 'theirs' }));
    await lock.release();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['uploader.lock']);
  });

  it('should treat an unreadable lock file as stale', async () => {
    const file = path.join(dir, 'uploader.lock');
    fs.writeFileSync(file, '{"pi');
    const lock = new SpoolLock(file);
    await lock.acquire();
    await lock.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe(UploadCounter.name, () => {
  it('should hand out increasing numbers that persist across instances', async () => {
    const dir = makeTempDir();
    try {
      const file = path.join(dir, 'counter');
      const first = new UploadCounter(file);
      expect([await first.next(), await first.next()]).toEqual([0, 1]);
      expect(await new UploadCounter(file).next()).toBe(2);
      fs.writeFileSync(file, 'garbage');
      await expect(new UploadCounter(file).next()).rejects.toThrow(/corrupt/);
    } finally {
      removeDir(dir);
    }
  });
});
