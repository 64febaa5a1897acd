import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { PiscinaScoringPool } from '../src/modules/fastpath/scoring-pool';
import { ScoreTask, ScoreTaskItem } from '../src/modules/fastpath/workers/score-task';
import { mainThreadCpuMicros } from './load';

const TASK_SIZE = Number(process.env.OONI_BENCH_POOL_TASK_SIZE ?? 64);
const ROUNDS = Number(process.env.OONI_BENCH_POOL_ROUNDS ?? 5);
const TASKS_PER_WORKER = Number(process.env.OONI_BENCH_POOL_TASKS ?? 60);

function fixtureItems(): ScoreTaskItem[] {
  const dir = path.join(PROJECT_ROOT, 'test', 'fixtures', 'measurements');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f, i) => ({
      measurementUid: `20240101000000.${String(i).padStart(6, '0')}_IT_bench_${String(i).padStart(16, '0')}`,
      // as the fastpath service hands them over: the submission's bytes
      body: Buffer.from(
        JSON.stringify({ format: 'json', content: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown }),
      ),
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
  console.log(`\n# Scoring pool (JSON fixture mix as bytes, tasks of ${TASK_SIZE}, with fingerprints)`);
  const pools = new Map([1, 2].map((n) => [n, new PiscinaScoringPool(n)]));
  const fingerprints = { version: 1, file: fingerprintsFile };
  try {
    for (const [workers, pool] of pools) {
      await Promise.all(Array.from({ length: workers * 4 }, () => pool.run({ fingerprints, items: task })));
    }
    const rates = new Map<number, number[]>([...pools.keys()].map((n) => [n, []]));
    console.log('round  workers   rows/s   process CPU µs/row   main thread CPU µs/row   cores used');
    // interleaved rounds, so that a change in the machine's load weighs on both
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [workers, pool] of pools) {
        const r = await timedRound(pool, workers, { fingerprints, items: task });
        rates.get(workers)?.push(r.rate);
        console.log(
          `${String(round).padStart(5)} ${String(workers).padStart(8)} ${r.rate.toFixed(0).padStart(8)} ${r.cpuPerRow.toFixed(0).padStart(20)} ${r.mainPerRow.toFixed(0).padStart(24)} ${((r.rate * r.cpuPerRow) / 1e6).toFixed(2).padStart(12)}`,
        );
      }
    }
    const one = rates.get(1) ?? [];
    const two = rates.get(2) ?? [];
    const paired = two.map((r, i) => r / one[i]);
    console.log(
      `median: 1 worker ${median(one).toFixed(0)} rows/s, 2 workers ${median(two).toFixed(0)} rows/s: ` +
        `${(median(two) / median(one)).toFixed(2)}x; median of the rounds' ratios ${median(paired).toFixed(2)}x (ceiling: >= 1.8x)`,
    );
  } finally {
    await Promise.all([...pools.values()].map((p) => p.destroy()));
    fs.rmSync(fingerprintsFile, { force: true });
  }
}

/** Enough queued tasks to keep every worker busy for a few seconds; rows out per second. */
async function timedRound(
  pool: PiscinaScoringPool,
  workers: number,
  task: ScoreTask,
): Promise<{ rate: number; cpuPerRow: number; mainPerRow: number }> {
  // Fresh bodies for every task, made before timing: the pool moves them to the workers, as it
  // does the fastpath service's (received by the HTTP layer, given up once spooled).
  const fresh = Array.from({ length: TASKS_PER_WORKER * workers }, () => ({
    ...task,
    items: task.items.map((item) => ({ ...item, body: Buffer.from(item.body as Uint8Array) })),
  }));
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMicros();
  const started = process.hrtime.bigint();
  // results are counted and dropped as they come, as the service hands rows to its writer
  let rows = 0;
  await Promise.all(fresh.map((t) => pool.run(t, { moveBodies: true }).then((r) => (rows += r.rows.count))));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    rate: rows / seconds,
    cpuPerRow: (cpu.user + cpu.system) / rows,
    mainPerRow: (mainThreadCpuMicros() - main0) / rows,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
