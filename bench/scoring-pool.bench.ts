import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { PiscinaScoringPool } from '../src/modules/fastpath/scoring-pool';
import { ScoreTaskItem } from '../src/modules/fastpath/workers/score-task';

const TASK_SIZE = 64;

function fixtureItems(): ScoreTaskItem[] {
  const dir = path.join(PROJECT_ROOT, 'test', 'fixtures', 'measurements');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f, i) => ({
      measurementUid: `20240101000000.${String(i).padStart(6, '0')}_IT_bench_${String(i).padStart(16, '0')}`,
      body: JSON.stringify({
        format: 'json',
        content: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown,
      }),
    }));
}

/** Parse + score throughput of the whole worker pool, with 1 worker and with one per core. */
export async function runScoringPoolBench(): Promise<void> {
  const items = fixtureItems();
  const task = Array.from({ length: TASK_SIZE }, (_, i) => items[i % items.length]);
  const fingerprintsFile = path.join(PROJECT_ROOT, 'bench', '.fingerprints.json');
  const dns: unknown = JSON.parse(
    fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/data/fingerprints_dns.json'), 'utf8'),
  );
  const http: unknown = JSON.parse(
    fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/data/fingerprints_http.json'), 'utf8'),
  );
  fs.writeFileSync(fingerprintsFile, JSON.stringify({ dns, http }));
  console.log(`\n# Scoring pool (JSON fixture mix, tasks of ${TASK_SIZE}, with fingerprints)`);
  try {
    for (const workers of [1, 2]) {
      const pool = new PiscinaScoringPool(workers);
      const fingerprints = { version: 1, file: fingerprintsFile };
      await Promise.all(Array.from({ length: workers * 2 }, () => pool.run({ fingerprints, items: task })));
      // Enough queued tasks to keep every worker busy; the figure is rows out per second.
      const tasks = 40 * workers;
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: tasks }, () => pool.run({ fingerprints, items: task })));
      const done = results.reduce((n, r) => n + r.rows.length, 0);
      const rate = (done / (Date.now() - started)) * 1000;
      console.log(`${`${workers} worker(s)`.padEnd(20)} ${rate.toFixed(0).padStart(8)} rows/s`);
      await pool.destroy();
    }
  } finally {
    fs.rmSync(fingerprintsFile, { force: true });
  }
}
