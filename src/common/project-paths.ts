import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The project (package) root, whether running from src/ (tests), dist/ or dist-bench/. */
export const PROJECT_ROOT = findRoot(__dirname);
export const CONFIG_DIR = path.join(PROJECT_ROOT, 'config');
export const ASSETS_DIR = path.join(PROJECT_ROOT, 'assets');
