/** What a job's `run` receives. */
export interface JobRunContext {
  /** `?all=true` / `--all`: the job's "do everything" variant (uploader: also the open hour). */
  all: boolean;
}

/**
 * A scheduled job, registered with `JobRegistry.register()` (typically from a provider's
 * `onModuleInit`). Its cron and enabled flag come from the job's own config section.
 */
export interface JobDefinition<R = unknown> {
  /** Unique, `[a-z0-9-]+`: used in URLs, the CLI, metric names and file names. */
  name: string;
  /** One line for operators. */
  description: string;
  /** Cron expression (5 or 6 fields), evaluated in UTC. */
  cron: string;
  /** Disabled jobs are not scheduled, but can still be run by hand. */
  enabled: boolean;
  /** The work. Throw to fail the run (the error message is recorded); the result is returned to admins. */
  run(ctx: JobRunContext): Promise<R>;
}

export type JobOutcome = 'running' | 'success' | 'failure';

/** What is recorded about a job (in `<var_dir>/jobs/<name>.json`). */
export interface JobStatus {
  name: string;
  description: string;
  cron: string;
  enabled: boolean;
  /** ISO timestamps; null before the first run. */
  last_start: string | null;
  last_end: string | null;
  last_duration_ms: number | null;
  last_outcome: JobOutcome | null;
  last_error: string | null;
  last_success: string | null;
  runs: number;
  failures: number;
}

/** A job's status as shown to operators. */
export interface JobStatusView extends JobStatus {
  /** A live process is running the job now. */
  running: boolean;
  /** Pid of that process. */
  running_pid: number | null;
  /** Next scheduled start (ISO), null when not scheduled. */
  next_run: string | null;
}

export const JOB_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
