import { AppConfig } from '../../../src/common/config/app-config';
import { JobBusyError } from '../../../src/modules/scheduler/registry/job-errors';
import { JobRegistry } from '../../../src/modules/scheduler/registry/job-registry';
import { UPLOADER_JOB, UploaderJobs } from '../../../src/modules/scheduler/uploader.jobs';
import { SpoolLockedError } from '../../../src/modules/scheduler/uploader/spool-lock';
import { UploaderOptions, uploaderOptionsFrom } from '../../../src/modules/scheduler/uploader/uploader.options';
import { UploaderBusyError, UploaderService } from '../../../src/modules/scheduler/uploader/uploader.service';
import { defaultTestConfig } from '../../helpers/test-config';

function config(uploader: Partial<UploaderOptions> = {}): AppConfig {
  return defaultTestConfig({
    scheduler: { enabled: true },
    probe_services: { collector_id: '4', spool_dir: '/spool' },
    uploader,
  });
}

describe(UploaderJobs.name, () => {
  const run = jest.fn<Promise<unknown>, [{ all: boolean }]>();
  const uploader = { run } as unknown as UploaderService;
  beforeEach(() => run.mockReset());

  it('should register the uploader with the configured expression and enabled flag', async () => {
    const registry = new JobRegistry();
    const options = uploaderOptionsFrom(config({ cron: '17 * * * *', enabled: false }));
    new UploaderJobs(options, registry, uploader).onModuleInit();
    const job = registry.get(UPLOADER_JOB);
    expect(job).toMatchObject({ name: 'uploader', cron: '17 * * * *', enabled: false });
    run.mockResolvedValueOnce({ batches: 2 });
    await expect(job.run({ all: true })).resolves.toEqual({ batches: 2 });
    expect(run).toHaveBeenCalledWith({ all: true });
  });

  it('should turn the spool lock and an in-process run into a refusal, and let failures through', async () => {
    const jobs = new UploaderJobs(uploaderOptionsFrom(config()), new JobRegistry(), uploader);
    run.mockRejectedValueOnce(new SpoolLockedError('/spool/uploader.lock', 42));
    await expect(jobs.run(false)).rejects.toMatchObject({ name: JobBusyError.name, ownerPid: 42 });
    run.mockRejectedValueOnce(new UploaderBusyError());
    await expect(jobs.run(false)).rejects.toBeInstanceOf(JobBusyError);
    run.mockRejectedValueOnce(new Error('boom'));
    await expect(jobs.run(false)).rejects.toThrow('boom');
  });
});

describe('uploaderOptionsFrom', () => {
  it('should default host_id to the collector id and validate the section', () => {
    expect(uploaderOptionsFrom(config())).toMatchObject({
      host_id: '4',
      testbed: false,
      spool_dir: '/spool',
      enabled: true,
    });
    expect(uploaderOptionsFrom(config({ host_id: '9', testbed: true }))).toMatchObject({
      host_id: '9',
      testbed: true,
    });
    expect(() => uploaderOptionsFrom(config({ host_id: '../x' }))).toThrow(/host_id/);
    expect(() => uploaderOptionsFrom(config({ insert_batch_size: 0 }))).toThrow(/insert_batch_size/);
  });
});
