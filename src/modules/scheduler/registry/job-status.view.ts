import { CronTime } from 'cron';
import { PidLock } from '../../../common/fs/pid-lock';
import { JobStatusStore } from './job-status.store';
import { JobStatus, JobStatusView } from './job.types';

/** The next start of `cron` (UTC) after `now`, or null when the job is not scheduled. */
export function nextRun(
  status: Pick<JobStatus, 'cron' | 'enabled'>,
  scheduled: boolean,
  now = new Date(),
): string | null {
  if (!scheduled || !status.enabled) return null;
  try {
    const next = new CronTime(status.cron, 'UTC').getNextDateFrom(now).toJSDate();
    return next.toISOString();
  } catch {
    return null;
  }
}

/** Status plus what only the present knows: is it running (lock held by a live process), when next. */
export async function viewStatus(
  store: JobStatusStore,
  status: JobStatus,
  scheduled: boolean,
  now = new Date(),
): Promise<JobStatusView> {
  const pid = await PidLock.holder(store.lockFile(status.name));
  const interrupted = status.last_outcome === 'running' && pid === null;
  return {
    ...status,
    ...(interrupted ? { last_outcome: 'failure' as const, last_error: status.last_error ?? 'interrupted' } : {}),
    running: pid !== null,
    running_pid: pid,
    next_run: nextRun(status, scheduled, now),
  };
}
