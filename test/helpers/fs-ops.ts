import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Records, in order, every fsync (`sync <path>`) and rename (`rename <to>`) made through
 * `fs.promises`, with paths relative to `root`. Call `restore()` when done.
 */
export function recordFsOps(root: string): { ops: string[]; restore(): void } {
  const ops: string[] = [];
  const rel = (p: unknown): string => path.relative(root, String(p)) || '.';
  const realOpen = fs.promises.open.bind(fs.promises);
  const realRename = fs.promises.rename.bind(fs.promises);
  const open = jest.spyOn(fs.promises, 'open').mockImplementation(async (file, ...rest) => {
    const handle = await realOpen(file, ...rest);
    const realSync = handle.sync.bind(handle);
    handle.sync = async () => {
      await realSync();
      ops.push(`sync ${rel(file)}`);
    };
    return handle;
  });
  const rename = jest.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
    await realRename(from, to);
    ops.push(`rename ${rel(to)}`);
  });
  return {
    ops,
    restore: () => {
      open.mockRestore();
      rename.mockRestore();
    },
  };
}
