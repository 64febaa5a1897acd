import { Command } from 'commander';
import { AppModule } from '../app.module';
import { AppConfig } from '../common/config/app-config';
import { loadConfig } from '../common/config/load-config';
import { JobRunner } from '../modules/scheduler/registry/job-runner';
import { JobStatusStore } from '../modules/scheduler/registry/job-status.store';
import { viewStatus } from '../modules/scheduler/registry/job-status.view';
import { JobStatusView } from '../modules/scheduler/registry/job.types';
import { withAppContext } from './with-app-context';

/** One run of a registered job in this process: the application without HTTP, timers, fastpath or cache warming. */
export async function runJobOnce(config: AppConfig, name: string, all: boolean): Promise<unknown> {
  const quiet = new AppConfig({
    ...config,
    scheduler: { ...config.scheduler, enabled: false },
    fastpath: { ...config.fastpath, enabled: false },
    response_cache: { ...config.response_cache, warm_routes: false },
  });
  return withAppContext(AppModule.forRoot(quiet), quiet, (app) => app.get(JobRunner).run(name, { all }));
}

/** Every job recorded under `<var_dir>/jobs` (by the server or the CLI), without opening the database. */
export async function recordedJobs(config: AppConfig, now = new Date()): Promise<JobStatusView[]> {
  const store = new JobStatusStore(config.varPath('jobs'));
  const out: JobStatusView[] = [];
  for (const status of await store.readAll()) out.push(await viewStatus(store, status, config.scheduler.enabled, now));
  return out;
}

function formatTable(jobs: JobStatusView[]): string {
  const head = ['job', 'cron (UTC)', 'enabled', 'state', 'last start', 'duration', 'outcome', 'next run', 'error'];
  const rows = jobs.map((j) => [
    j.name,
    j.cron,
    j.enabled ? 'yes' : 'no',
    j.running ? `running (pid ${j.running_pid})` : 'idle',
    j.last_start ?? '-',
    j.last_duration_ms === null ? '-' : `${j.last_duration_ms} ms`,
    j.last_outcome ?? '-',
    j.next_run ?? '-',
    j.last_error ? j.last_error.split('\n')[0].slice(0, 80) : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return (
    [head, ...rows]
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export function jobsCommand(): Command {
  return new Command('jobs')
    .description('Status of the scheduled jobs (last run, outcome, error, next run), read from <var_dir>/jobs')
    .option('--json', 'one JSON document instead of a table')
    .action(async (opts: { json?: boolean }) => {
      const jobs = await recordedJobs(loadConfig());
      if (opts.json) process.stdout.write(`${JSON.stringify({ jobs }, null, 2)}\n`);
      else if (jobs.length === 0) process.stdout.write('no job recorded yet: start the server once\n');
      else process.stdout.write(formatTable(jobs));
    });
}

export function runJobCommand(): Command {
  return new Command('run-job')
    .description(
      'Run one scheduled job now in this process and print its summary (refused while it runs elsewhere). ' +
        'With embedded ClickHouse and the server up, ask the server instead: POST /api/_/admin/run-job/<job>',
    )
    .argument('<job>', 'job name, see `jobs`')
    .option('--all', "the job's complete variant (uploader: also the open hour)")
    .action(async (name: string, opts: { all?: boolean }) => {
      const result = await runJobOnce(loadConfig(), name, opts.all ?? false);
      process.stdout.write(`${JSON.stringify(result ?? {})}\n`);
    });
}
