import { LockHeldError, PidLock } from '../../../common/fs/pid-lock';

export class SpoolLockedError extends LockHeldError {
  override readonly name = 'SpoolLockedError';
  constructor(lockFile: string, ownerPid: number) {
    super(
      lockFile,
      ownerPid,
      `another uploader (pid ${ownerPid}) holds ${lockFile}: wait for it to finish. ` +
        'If the server is running, ask it instead: POST /api/_/admin/run-job/uploader',
    );
  }
}

/** The exclusive lock on the spool's uploader, across processes (CLI, server job). */
export class SpoolLock extends PidLock {
  protected override heldError(pid: number): Error {
    return new SpoolLockedError(this.file, pid);
  }
}
