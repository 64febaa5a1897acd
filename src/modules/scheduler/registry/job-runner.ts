import { Injectable, Logger } from '@nestjs/common';
import { LockHeldError } from '../../../common/fs/pid-lock';
import { ComponentMetrics, MetricsService } from '../../../common/metrics/metrics.service';
import { JobBusyError } from './job-errors';
import { JobRegistry } from './job-registry';
import { JobStatusStore } from './job-status.store';
import { JobDefinition, JobRunContext, JobStatus } from './job.types';

const MAX_ERROR_CHARS = 2000;

/**
 * Runs one job: takes its lock (a second run, here or in another process, is refused with
 * JobBusyError), records start/end/duration/outcome/error, logs and sends metrics
 * (`jobs.<name>.run_time`, `.success`, `.failure`, `.last_success` gauge in unix seconds).
 */
@Injectable()
export class JobRunner {
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly registry: JobRegistry,
    private readonly store: JobStatusStore,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('jobs');
  }

  async run(name: string, ctx: Partial<JobRunContext> = {}): Promise<unknown> {
    const job = this.registry.get(name);
    const lock = this.store.lock(name);
    try {
      await lock.acquire();
    } catch (err) {
      if (err instanceof LockHeldError) throw new JobBusyError(name, err.ownerPid);
      throw err;
    }
    try {
      return await this.runLocked(job, { all: ctx.all ?? false });
    } finally {
      await lock.release();
    }
  }

  private async runLocked(job: JobDefinition, ctx: JobRunContext): Promise<unknown> {
    const logger = new Logger(`job:${job.name}`);
    const before = await this.store.declare(job);
    const started = new Date();
    const t0 = performance.now();
    await this.store.write({ ...before, last_start: started.toISOString(), last_end: null, last_outcome: 'running' });
    logger.log(`run started${ctx.all ? ' (all)' : ''}`);
    try {
      const result = await job.run(ctx);
      const duration = Math.round(performance.now() - t0);
      await this.finish(before, started, duration, null);
      logger.log(`run succeeded in ${duration} ms`);
      return result;
    } catch (err) {
      if (err instanceof JobBusyError) {
        // Refused by the job itself (e.g. the uploader's spool lock): not a run.
        await this.store.write(before);
        logger.warn(err.message);
        throw err;
      }
      const duration = Math.round(performance.now() - t0);
      const message = err instanceof Error ? err.message : String(err);
      await this.finish(before, started, duration, message);
      logger.error(`run failed after ${duration} ms: ${err instanceof Error ? (err.stack ?? message) : message}`);
      throw err;
    }
  }

  private async finish(before: JobStatus, started: Date, durationMs: number, error: string | null): Promise<void> {
    const end = new Date();
    const ok = error === null;
    await this.store.write({
      ...before,
      last_start: started.toISOString(),
      last_end: end.toISOString(),
      last_duration_ms: durationMs,
      last_outcome: ok ? 'success' : 'failure',
      last_error: ok ? null : error.slice(0, MAX_ERROR_CHARS),
      last_success: ok ? end.toISOString() : before.last_success,
      runs: before.runs + 1,
      failures: before.failures + (ok ? 0 : 1),
    });
    this.metrics.timing(`${before.name}.run_time`, durationMs);
    this.metrics.increment(`${before.name}.${ok ? 'success' : 'failure'}`);
    if (ok) this.metrics.gauge(`${before.name}.last_success`, Math.floor(end.getTime() / 1000));
  }
}
