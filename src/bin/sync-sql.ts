import { ClickHouseClient } from '@clickhouse/client';
import { DiscoveryService } from '@nestjs/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import 'reflect-metadata';
import { createApp } from '../app.factory';
import { CLICKHOUSE } from '../common/clickhouse/clickhouse.constants';
import { captureSql } from '../common/clickhouse/sql-capture';
import { exampleCalls } from '../common/clickhouse/sql-examples';
import { RenderedExample, renderSqlFile } from '../common/clickhouse/sql-render';
import { loadConfig } from '../common/config/load-config';
import { PROJECT_ROOT } from '../common/project-paths';

const OUTPUT_DIR = path.join(PROJECT_ROOT, 'src', 'queries');

/** Calls each example on embedded ClickHouse and renders the SQL it sent, per file. */
async function renderAll(discovery: DiscoveryService, client: ClickHouseClient): Promise<Map<string, string>> {
  const byFile = new Map<string, RenderedExample[]>();
  for (const c of exampleCalls(discovery)) {
    const { statements, restore } = captureSql(client);
    try {
      await c.call(c.example.params);
    } catch (err) {
      throw new Error(`${c.className}.${c.method} failed with its @SqlExample: ${(err as Error).message}`);
    } finally {
      restore();
    }
    const rendered: RenderedExample = {
      method: `${c.className}.${c.method}`,
      module: c.module,
      name: c.example.name,
      args: c.example.params,
      statements,
    };
    byFile.set(c.file, [...(byFile.get(c.file) ?? []), rendered]);
  }
  return new Map([...byFile].map(([file, examples]) => [file, renderSqlFile(examples)]));
}

/** Writes the files (and removes stale ones); with `check`, only lists what differs. */
function sync(files: Map<string, string>, check: boolean): string[] {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const existing = fs.readdirSync(OUTPUT_DIR).filter((f) => f.endsWith('.sql'));
  const drift: string[] = [];
  for (const stale of existing.filter((f) => !files.has(f))) {
    drift.push(stale);
    if (!check) fs.rmSync(path.join(OUTPUT_DIR, stale));
  }
  for (const [file, text] of files) {
    const target = path.join(OUTPUT_DIR, file);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) continue;
    drift.push(file);
    if (!check) fs.writeFileSync(target, text);
  }
  return drift;
}

/**
 * `npm run sync:sql`: boots the application on embedded ClickHouse in a temporary directory
 * (migrations applied), calls every repository method with its @SqlExample arguments, and
 * writes the SQL sent to `src/queries/<family>.repository.sql`. With --check, fails on drift.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-sync-sql-'));
  const config = loadConfig({
    env: { NODE_ENV: 'test' },
    overrides: {
      var_dir: varDir,
      metrics: { enabled: false },
      scheduler: { enabled: false },
      fastpath: { workers: 1 },
    },
  });
  const app = await createApp(config, { quiet: true });
  try {
    const files = await renderAll(app.get(DiscoveryService), app.get<ClickHouseClient>(CLICKHOUSE));
    const drift = sync(files, check);
    if (check && drift.length > 0) {
      process.stderr.write(`src/queries is out of date (${drift.join(', ')}): run \`npm run sync:sql\` and commit\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(check ? 'src/queries is up to date\n' : `wrote ${files.size} files to ${OUTPUT_DIR}\n`);
    }
  } finally {
    await app.close();
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`sync:sql: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
