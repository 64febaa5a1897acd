/**
 * Test hook for crash tests: `OONI_UPLOADER_CRASH_AT=<point>` (or `<point>:<n>` for the
 * n-th time the point is reached) makes the process SIGKILL itself there, like a power loss.
 * Unset in production: then this is a no-op.
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

const seen = new Map<string, number>();

function parse(spec: string | undefined): { point: string; nth: number } | null {
  if (!spec) return null;
  const [point, nth] = spec.split(':');
  return { point, nth: nth ? Number(nth) : 1 };
}

export function crashPoint(point: CrashPoint): void {
  const target = parse(process.env.OONI_UPLOADER_CRASH_AT);
  if (!target || target.point !== point) return;
  const count = (seen.get(point) ?? 0) + 1;
  seen.set(point, count);
  if (count === target.nth) process.kill(process.pid, 'SIGKILL');
}
