import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { PiscinaScoringPool } from '../src/modules/fastpath/scoring-pool';
import { ScoreTaskItem } from '../src/modules/fastpath/workers/score-task';

const DURATION_MS = 4000;
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
  console.log(`\n# Scoring pool (fixture mix, tasks of ${TASK_SIZE}, with fingerprints, ${DURATION_MS / 1000} s each)`);
  try {
    for (const workers of [1, 2]) {
      const pool = new PiscinaScoringPool(workers);
      const fingerprints = { version: 1, file: fingerprintsFile };
      await Promise.all(Array.from({ length: workers * 2 }, () => pool.run({ fingerprints, items: task })));
      let done = 0;
      const started = Date.now();
      const loop = async (): Promise<void> => {
        while (Date.now() - started < DURATION_MS) {
          done += (await pool.run({ fingerprints, items: task })).rows.length;
        }
      };
      await Promise.all(Array.from({ length: workers * 2 }, loop));
      const rate = (done / (Date.now() - started)) * 1000;
      console.log(`${`${workers} worker(s)`.padEnd(20)} ${rate.toFixed(0).padStart(8)} rows/s`);
      await pool.destroy();
    }
  } finally {
    fs.rmSync(fingerprintsFile, { force: true });
  }
}
