import { transformFileSync } from '@swc/core';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Compiles the application (src/ and the child-process entry point) once to JavaScript
 * under `<root>/tmp/` (git-ignored, inside the project so that node_modules, config/ and
 * assets/ resolve): crash tests that start the server many times then skip compiling
 * TypeScript at every start, in the main thread and in every scoring worker.
 * Returns the compiled entry point.
 */
export function compileAppProcess(): { entry: string; dir: string } {
  const swcrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8')) as Record<string, unknown>;
  delete swcrc.$schema;
  const options = { ...swcrc, sourceMaps: false, swcrc: false };
  fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'tmp', 'app-build-'));
  const files = [...tsFiles(path.join(ROOT, 'src')), path.join(ROOT, 'test', 'helpers', 'app-process-main.ts')];
  for (const file of files) {
    const out = path.join(dir, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, transformFileSync(file, options).code);
  }
  return { entry: path.join(dir, 'test', 'helpers', 'app-process-main.js'), dir };
}
