/**
 * Named points of an uploader run, where the crash tests simulate a power loss. Production
 * never sets a hook, so reaching a point does nothing; a test process installs one with
 * `setCrashHook` (test/unit/uploader/uploader-child.ts).
 */
export type CrashPoint =
  | 'claimed'
  | 'mid-build'
  | 'built'
  | 'upload-in-flight'
  | 'postcan-uploaded'
  | 'uploaded'
  | 'mid-insert'
  | 'indexed'
  | 'scored'
  | 'mid-spool-delete'
  | 'spool-deleted';

let hook: ((point: CrashPoint) => void) | undefined;

/** Installs the hook called at every crash point (tests only). */
export function setCrashHook(fn: ((point: CrashPoint) => void) | undefined): void {
  hook = fn;
}

export function crashPoint(point: CrashPoint): void {
  hook?.(point);
}
