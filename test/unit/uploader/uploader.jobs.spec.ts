import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../../src/common/config/app-config';
import { UPLOADER_JOB, UploaderJobs } from '../../../src/modules/scheduler/uploader.jobs';
import { SpoolLockedError } from '../../../src/modules/scheduler/uploader/spool-lock';
import { UploaderOptions, uploaderOptionsFrom } from '../../../src/modules/scheduler/uploader/uploader.options';
import { UploaderService } from '../../../src/modules/scheduler/uploader/uploader.service';
import { defaultTestConfig } from '../../helpers/test-config';

function config(enabled: boolean, uploader: Partial<UploaderOptions> = {}): AppConfig {
  return defaultTestConfig({
    scheduler: { enabled },
    probe_services: { collector_id: '4', spool_dir: '/spool' },
    uploader,
  });
}

describe(UploaderJobs.name, () => {
  const run = jest.fn<Promise<unknown>, []>();
  const uploader = { run, isRunning: false } as unknown as UploaderService;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn']);
  });
  beforeEach(() => run.mockReset());

  it('should schedule the uploader on the configured expression only when the scheduler is enabled', () => {
    const registry = new SchedulerRegistry();
    const jobs = new UploaderJobs(
      config(true),
      { ...uploaderOptionsFrom(config(true)), cron: '17 * * * *' },
      registry,
      uploader,
    );
    jobs.onApplicationBootstrap();
    const job = registry.getCronJob(UPLOADER_JOB);
    expect(job.cronTime.source).toBe('17 * * * *');
    expect(job.isActive).toBe(true);
    jobs.onModuleDestroy();
    expect(registry.doesExist('cron', UPLOADER_JOB)).toBe(false);

    const off = new SchedulerRegistry();
    new UploaderJobs(config(false), uploaderOptionsFrom(config(false)), off, uploader).onApplicationBootstrap();
    expect(off.getCronJobs().size).toBe(0);
  });

  it('should never let a failed or locked-out run escape the tick', async () => {
    const jobs = new UploaderJobs(config(false), uploaderOptionsFrom(config(false)), new SchedulerRegistry(), uploader);
    run.mockRejectedValueOnce(new SpoolLockedError('/spool/uploader.lock', 42));
    await expect(jobs.tick()).resolves.toBeUndefined();
    run.mockRejectedValueOnce(new Error('boom'));
    await expect(jobs.tick()).resolves.toBeUndefined();
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('uploaderOptionsFrom', () => {
  it('should default host_id to the collector id and validate the section', () => {
    expect(uploaderOptionsFrom(config(true))).toMatchObject({ host_id: '4', testbed: false, spool_dir: '/spool' });
    expect(uploaderOptionsFrom(config(true, { host_id: '9', testbed: true }))).toMatchObject({
      host_id: '9',
      testbed: true,
    });
    expect(() => uploaderOptionsFrom(config(true, { host_id: '../x' }))).toThrow(/host_id/);
    expect(() => uploaderOptionsFrom(config(true, { insert_batch_size: 0 }))).toThrow(/insert_batch_size/);
  });
});
