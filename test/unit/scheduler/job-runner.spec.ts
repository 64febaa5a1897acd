import { SchedulerRegistry } from '@nestjs/schedule';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../../../src/common/config/app-config';
import { PidLock } from '../../../src/common/fs/pid-lock';
import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { JobBusyError, UnknownJobError } from '../../../src/modules/scheduler/registry/job-errors';
import { JobRegistry } from '../../../src/modules/scheduler/registry/job-registry';
import { JobRunner } from '../../../src/modules/scheduler/registry/job-runner';
import { JobScheduler } from '../../../src/modules/scheduler/registry/job-scheduler';
import { emptyStatus, JobStatusStore } from '../../../src/modules/scheduler/registry/job-status.store';
import { nextRun, viewStatus } from '../../../src/modules/scheduler/registry/job-status.view';
import { JobDefinition } from '../../../src/modules/scheduler/registry/job.types';
import { quietNestLogger } from '../../helpers/quiet-nest-logger';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { defaultTestConfig } from '../../helpers/test-config';

const metricsOff = new MetricsService(defaultTestConfig({ metrics: { enabled: false } }));

function job(name: string, run: JobDefinition['run'], extra: Partial<JobDefinition> = {}): JobDefinition {
  return { name, description: `the ${name} job`, cron: '0 3 * * *', enabled: true, run, ...extra };
}

describe('job registry', () => {
  let dir: string;
  let store: JobStatusStore;
  let registry: JobRegistry;
  let runner: JobRunner;

  quietNestLogger();
  beforeEach(() => {
    dir = makeTempDir();
    store = new JobStatusStore(path.join(dir, 'jobs'));
    registry = new JobRegistry();
    runner = new JobRunner(registry, store, metricsOff);
  });
  afterEach(() => removeDir(dir));

  it('should refuse bad names, duplicates and bad cron expressions', () => {
    registry.register(job('a-job', () => Promise.resolve(1)));
    expect(() => registry.register(job('a-job', () => Promise.resolve(1)))).toThrow(/twice/);
    expect(() => registry.register(job('../x', () => Promise.resolve(1)))).toThrow(/name/);
    expect(() => registry.register(job('b', () => Promise.resolve(1), { cron: 'every day' }))).toThrow(/cron/);
    expect(() => registry.get('nope')).toThrow(UnknownJobError);
    expect(registry.list().map((j) => j.name)).toEqual(['a-job']);
  });

  it('should record a successful run and return its result', async () => {
    registry.register(job('ok', ({ all }) => Promise.resolve({ all })));
    await expect(runner.run('ok', { all: true })).resolves.toEqual({ all: true });
    const status = await store.read('ok');
    expect(status).toMatchObject({ name: 'ok', last_outcome: 'success', last_error: null, runs: 1, failures: 0 });
    expect(Date.parse(status!.last_end!)).toBeGreaterThanOrEqual(Date.parse(status!.last_start!));
    expect(status!.last_success).toBe(status!.last_end);
    expect(status!.last_duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('should record a failure with its error and keep the last success', async () => {
    let fail = false;
    registry.register(
      job('flaky', () => (fail ? Promise.reject(new Error('source truncated')) : Promise.resolve('done'))),
    );
    await runner.run('flaky');
    const success = (await store.read('flaky'))!.last_success;
    fail = true;
    await expect(runner.run('flaky')).rejects.toThrow('source truncated');
    expect(await store.read('flaky')).toMatchObject({
      last_outcome: 'failure',
      last_error: 'source truncated',
      last_success: success,
      runs: 2,
      failures: 1,
    });
    expect(await PidLock.holder(store.lockFile('flaky'))).toBeNull();
  });

  it('should refuse a second concurrent run and show the first as running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    registry.register(job('slow', () => gate));
    const first = runner.run('slow');
    await new Promise((r) => setTimeout(r, 50));
    await expect(runner.run('slow')).rejects.toMatchObject({ name: JobBusyError.name, ownerPid: process.pid });
    const view = await viewStatus(store, (await store.read('slow'))!, true);
    expect(view).toMatchObject({ running: true, running_pid: process.pid, last_outcome: 'running' });
    release();
    await first;
    const after = await viewStatus(store, (await store.read('slow'))!, true);
    expect(after).toMatchObject({ running: false, last_outcome: 'success', runs: 1 });
  });

  it('should refuse a run while another live process holds the job lock, and take over a dead one', async () => {
    registry.register(job('shared', () => Promise.resolve('ran')));
    const other = spawn('sleep', ['30']);
    try {
      fs.mkdirSync(store.dir, { recursive: true });
      fs.writeFileSync(store.lockFile('shared'), JSON.stringify({ pid: other.pid, start: '', nonce: 'other' }));
      await expect(runner.run('shared')).rejects.toMatchObject({ name: JobBusyError.name, ownerPid: other.pid });
      expect(
        (await viewStatus(store, (await store.read('shared')) ?? emptyStatus(registry.get('shared')), true)).running,
      ).toBe(true);
    } finally {
      other.kill();
    }
    await new Promise((r) => other.once('exit', r));
    await expect(runner.run('shared')).resolves.toBe('ran');
  });

  it('should not count a run the job itself refused', async () => {
    registry.register(job('busy', () => Promise.reject(new JobBusyError('busy', 7))));
    await expect(runner.run('busy')).rejects.toBeInstanceOf(JobBusyError);
    expect(await store.read('busy')).toMatchObject({ runs: 0, last_outcome: null });
  });

  it('should show a run whose process died as interrupted', async () => {
    registry.register(job('dead', () => Promise.resolve(1)));
    const declared = await store.declare(registry.get('dead'));
    await store.write({ ...declared, last_start: new Date().toISOString(), last_outcome: 'running' });
    const view = await viewStatus(store, (await store.read('dead'))!, true);
    expect(view).toMatchObject({ running: false, last_outcome: 'failure', last_error: 'interrupted' });
  });

  it('should compute the next run in UTC only for scheduled, enabled jobs', () => {
    const now = new Date('2024-05-01T10:20:00Z');
    expect(nextRun({ cron: '0 3 * * *', enabled: true }, true, now)).toBe('2024-05-02T03:00:00.000Z');
    expect(nextRun({ cron: '5 * * * *', enabled: true }, true, now)).toBe('2024-05-01T11:05:00.000Z');
    expect(nextRun({ cron: '5 * * * *', enabled: false }, true, now)).toBeNull();
    expect(nextRun({ cron: '5 * * * *', enabled: true }, false, now)).toBeNull();
  });

  it('should schedule enabled jobs only when the scheduler is enabled, and never throw from a tick', async () => {
    registry.register(job('on', () => Promise.resolve(1), { cron: '17 * * * *' }));
    registry.register(job('off', () => Promise.resolve(1), { enabled: false }));
    registry.register(job('boom', () => Promise.reject(new Error('boom'))));
    const timers = new SchedulerRegistry();
    const config = { scheduler: { enabled: true } } as AppConfig;
    const scheduler = new JobScheduler(config, registry, runner, store, timers);
    await scheduler.onApplicationBootstrap();
    expect([...timers.getCronJobs().keys()].sort()).toEqual(['job:boom', 'job:on']);
    expect(timers.getCronJob('job:on').cronTime.source).toBe('17 * * * *');
    expect((await store.readAll()).map((s) => s.name)).toEqual(['boom', 'off', 'on']);
    await expect(scheduler.tick('boom')).resolves.toBeUndefined();
    expect(await store.read('boom')).toMatchObject({ last_outcome: 'failure', last_error: 'boom' });
    scheduler.onModuleDestroy();
    expect(timers.getCronJobs().size).toBe(0);

    const off = new SchedulerRegistry();
    await new JobScheduler(
      { scheduler: { enabled: false } } as AppConfig,
      registry,
      runner,
      store,
      off,
    ).onApplicationBootstrap();
    expect(off.getCronJobs().size).toBe(0);
  });
});
