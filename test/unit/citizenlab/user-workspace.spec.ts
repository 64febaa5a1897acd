import { HttpException } from '@nestjs/common';
import { UserWorkspace } from '../../../src/modules/citizenlab/submission/user-workspace';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(UserWorkspace.name, () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir('ooni-workspace-')));
  afterEach(() => removeDir(dir));

  it('should run one request of an account at a time, and answer 409 to one that waited too long', async () => {
    const order: string[] = [];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const first = new UserWorkspace(dir, 'abc').withLock(1000, async () => {
      order.push('first start');
      started();
      await gate;
      order.push('first end');
    });
    await firstStarted;

    const err = (await new UserWorkspace(dir, 'abc')
      .withLock(100, () => Promise.resolve(order.push('impatient')))
      .catch((e: unknown) => e)) as HttpException;
    expect(err).toBeInstanceOf(HttpException);
    expect(err.getStatus()).toBe(409);
    await new UserWorkspace(dir, 'other').withLock(100, () => Promise.resolve(order.push('other account')));
    const patient = new UserWorkspace(dir, 'abc').withLock(30_000, () => Promise.resolve(order.push('patient')));
    await sleep(150); // patient tries the held lock at least once (the order holds either way)
    openGate();
    await Promise.all([first, patient]);
    expect(order).toEqual(['first start', 'other account', 'first end', 'patient']);
  });

  it('should keep state, pull request and changes, and forget them all on CLEAN', async () => {
    const ws = new UserWorkspace(dir, 'abc');
    await ws.withLock(1000, async () => {
      expect(await ws.state()).toBe('CLEAN');
      await ws.setState('PR_OPEN');
      await ws.setPrId('https://api.example/repos/a/b/pulls/3');
      await ws.setChanges({ it: [] });
      expect([await ws.state(), await ws.prId(), await ws.changes()]).toEqual([
        'PR_OPEN',
        'https://api.example/repos/a/b/pulls/3',
        { it: [] },
      ]);
      await ws.setState('CLEAN');
      expect([await ws.state(), await ws.prId(), await ws.changes()]).toEqual(['CLEAN', null, {}]);
    });
  });

  it('should never turn an odd account id into a path', () => {
    for (const id of ['../x', 'a/b', '', '.', 'a'.repeat(65)]) expect(() => new UserWorkspace(dir, id)).toThrow();
  });
});
