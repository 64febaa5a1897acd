import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import 'reflect-metadata';
import { createApp } from '../app.factory';
import { loadConfig } from '../common/config/load-config';
import { buildOpenApiDocument } from '../common/openapi/openapi';
import { PROJECT_ROOT } from '../common/project-paths';

const OUTPUT = path.join(PROJECT_ROOT, 'apispec', 'openapi.json');

/** Writes apispec/openapi.json from the code; with --check, fails instead when the file differs. */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-apispec-'));
  const config = loadConfig({
    env: { NODE_ENV: 'test' },
    overrides: { var_dir: varDir, metrics: { enabled: false }, scheduler: { enabled: false } },
  });
  const app = await createApp(config, { quiet: true });
  try {
    const text = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
    if (check) {
      const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
      if (current !== text) {
        process.stderr.write(`${OUTPUT} is out of date: run \`npm run apispec\` and commit the result\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write('apispec is up to date\n');
      }
    } else {
      fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
      fs.writeFileSync(OUTPUT, text);
      process.stdout.write(`wrote ${OUTPUT}\n`);
    }
  } finally {
    await app.close();
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`apispec: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
