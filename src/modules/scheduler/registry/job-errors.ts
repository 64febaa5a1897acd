export class UnknownJobError extends Error {
  override readonly name = 'UnknownJobError';
  constructor(readonly job: string) {
    super(`Unknown job`);
  }
}

/** The job is running in this or another process: the new run is refused. */
export class JobBusyError extends Error {
  override readonly name = 'JobBusyError';
  constructor(
    readonly job: string,
    readonly ownerPid: number | null,
    detail?: string,
  ) {
    super(detail ?? `job ${job} is already running${ownerPid ? ` (pid ${ownerPid})` : ''}`);
  }
}
