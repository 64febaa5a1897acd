import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { JobRegistry } from '../../src/modules/scheduler/registry/job-registry';
import { startTestApp, TestApp } from '../helpers/test-app';

interface JobView {
  name: string;
  cron: string;
  enabled: boolean;
  running: boolean;
  last_outcome: string | null;
  last_error: string | null;
  runs: number;
  next_run: string | null;
}

describe('Job registry (admin routes)', () => {
  let t: TestApp;
  let admin: string;
  let release: () => void = () => undefined;

  const call = (method: string, p: string, token = admin): Promise<Response> =>
    fetch(`${t.url}${p}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const jobs = async (): Promise<Map<string, JobView>> => {
    const res = await call('GET', '/api/_/admin/jobs');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { jobs: JobView[] };
    return new Map(body.jobs.map((j) => [j.name, j]));
  };

  beforeAll(async () => {
    // Timers on, but no job that would reach the internet.
    const off = { enabled: false };
    t = await startTestApp({
      scheduler: { enabled: true },
      fastpath: off,
      fingerprints_updater: off,
      asnmeta_updater: off,
      geoip_downloader: off,
      db_backup: off,
      db_export: off,
    });
    const opts = { sessionExpiryDays: 1, loginExpiryDays: 1 };
    admin = t.app.get(SessionTokenService).issue('a'.repeat(32), 'admin', opts);
    const registry = t.app.get(JobRegistry);
    registry.register({
      name: 'test-gated',
      description: 'waits for the test',
      cron: '0 0 1 1 *',
      enabled: false,
      run: () => new Promise<{ done: boolean }>((r) => (release = () => r({ done: true }))),
    });
    registry.register({
      name: 'test-failing',
      description: 'always fails',
      cron: '0 0 1 1 *',
      enabled: true,
      run: () => Promise.reject(new Error('checksum mismatch in source')),
    });
  });
  afterAll(async () => {
    release();
    await t?.close();
  });

  it('should only show jobs to admins', async () => {
    expect((await call('GET', '/api/_/admin/jobs', '')).status).toBe(401);
    const user = t.app
      .get(SessionTokenService)
      .issue('b'.repeat(32), 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    expect((await call('GET', '/api/_/admin/jobs', user)).status).toBe(403);
    expect((await call('POST', '/api/_/admin/run-job/test-failing', user)).status).toBe(403);
  });

  it('should list every job with its configured schedule, and a next run only for enabled ones', async () => {
    const all = await jobs();
    expect([...all.keys()]).toEqual(
      expect.arrayContaining([
        'asnmeta',
        'backup',
        'public-export',
        'fingerprints',
        'geoip',
        'uploader',
        'test-failing',
        'test-gated',
      ]),
    );
    const uploader = all.get('uploader')!;
    expect(uploader).toMatchObject({ cron: t.config.uploader.cron, enabled: true, running: false });
    expect(Date.parse(uploader.next_run!)).toBeGreaterThan(Date.now());
    expect(all.get('fingerprints')).toMatchObject({
      cron: t.config.fingerprints_updater.cron,
      enabled: false,
      next_run: null,
    });
  });

  it('should refuse a second run of a running job with 409 and show it running', async () => {
    const first = call('POST', '/api/_/admin/run-job/test-gated');
    await new Promise((r) => setTimeout(r, 200));
    const second = await call('POST', '/api/_/admin/run-job/test-gated');
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: string }).error).toMatch(/already running/);
    expect((await jobs()).get('test-gated')).toMatchObject({ running: true, last_outcome: 'running', next_run: null });
    release();
    const done = await first;
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ done: true });
    expect((await jobs()).get('test-gated')).toMatchObject({ running: false, last_outcome: 'success', runs: 1 });
  });

  it('should answer a failed run with 500 and show the error in the job list', async () => {
    const res = await call('POST', '/api/_/admin/run-job/test-failing');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'job test-failing failed: checksum mismatch in source' });
    expect((await jobs()).get('test-failing')).toMatchObject({
      last_outcome: 'failure',
      last_error: 'checksum mismatch in source',
      runs: 1,
    });
  });

  it('should answer unknown jobs with 404', async () => {
    const res = await call('POST', '/api/_/admin/run-job/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Unknown job' });
  });
});
