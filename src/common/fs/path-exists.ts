import * as fs from 'node:fs';

/** Whether a file or directory exists (any access error counts as absent). */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
