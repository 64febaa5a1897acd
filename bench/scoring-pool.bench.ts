import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { PiscinaScoringPool } from '../src/modules/fastpath/scoring-pool';
import { FingerprintsRef, ScoreTask } from '../src/modules/fastpath/workers/score-task';
import { fixtureTask, writeFingerprintsFile } from './fixture-bodies';
import { mainThreadCpuMicros } from './load';
import { ScoringThreadData } from './scoring-thread';

const TASK_SIZE = Number(process.env.OONI_BENCH_POOL_TASK_SIZE ?? 64);
const ROUNDS = Number(process.env.OONI_BENCH_POOL_ROUNDS ?? 5);
const TASKS_PER_WORKER = Number(process.env.OONI_BENCH_POOL_TASKS ?? 150);
/** Scoring before the first round, per configuration: the JIT is still at work after a few tasks. */
const WARM_MS = Number(process.env.OONI_BENCH_POOL_WARM_MS ?? 3000);
const WORKERS = [1, 2];

interface Round {
  rate: number;
  cpuPerRow: number;
  mainPerRow: number;
}

/**
 * Parse + score throughput of the worker pool with 1 worker and with 2, next to its ceiling
 * measured in the same rounds: bare worker threads scoring bodies they already hold (the same
 * function, no pool, no messages), i.e. what the cores and V8 allow for this work.
 */
export async function runScoringPoolBench(): Promise<void> {
  const fingerprints = writeFingerprints();
  console.log(`\n# Scoring pool (JSON fixture mix as bytes, tasks of ${TASK_SIZE}, with fingerprints)`);
  const task: ScoreTask = { fingerprints, items: fixtureTask(TASK_SIZE) };
  const pools = new Map(WORKERS.map((n) => [n, new PiscinaScoringPool(n)]));
  const threads = new Map<number, ScoringThreads>();
  try {
    for (const [workers, pool] of pools) await warmPool(pool, workers, task);
    for (const n of WORKERS) threads.set(n, new ScoringThreads(n, fingerprints));
    await Promise.all([...threads.values()].map((t) => t.ready));
    const rates = { pool: new Map<number, number[]>(), threads: new Map<number, number[]>() };
    console.log(
      'round  workers   pool rows/s   process CPU µs/row   main thread CPU µs/row   cores used   bare threads rows/s',
    );
    // interleaved rounds, so that a change in the machine's load weighs on every configuration;
    // round 0 is not counted: its rates still rise into the next rounds (heaps still growing)
    for (let round = 0; round <= ROUNDS; round++) {
      for (const workers of WORKERS) {
        const r = await timedRound(pools.get(workers) as PiscinaScoringPool, workers, task);
        const bare = await (threads.get(workers) as ScoringThreads).round(r.seconds * 1000);
        if (round > 0) push(rates.pool, workers, r.rate);
        if (round > 0) push(rates.threads, workers, bare);
        console.log(
          `${(round > 0 ? String(round) : 'warm').padStart(5)} ${String(workers).padStart(8)} ${r.rate.toFixed(0).padStart(13)} ${r.cpuPerRow.toFixed(0).padStart(20)} ${r.mainPerRow.toFixed(0).padStart(24)} ${((r.rate * r.cpuPerRow) / 1e6).toFixed(2).padStart(12)} ${bare.toFixed(0).padStart(21)}`,
        );
      }
    }
    const pool = scaling(rates.pool);
    const bare = scaling(rates.threads);
    console.log(
      `pool: 1 worker ${pool.one.toFixed(0)} rows/s, 2 workers ${pool.two.toFixed(0)} rows/s: ${pool.ratio.toFixed(2)}x ` +
        `(median of the rounds' ratios ${pool.paired.toFixed(2)}x; issue #14: >= 1.8x)`,
    );
    console.log(
      `ceiling, bare threads: 1 thread ${bare.one.toFixed(0)} rows/s, 2 threads ${bare.two.toFixed(0)} rows/s: ` +
        `${bare.ratio.toFixed(2)}x (median of the rounds' ratios ${bare.paired.toFixed(2)}x)`,
    );
    console.log(
      `pool against bare threads, same rounds (median): 1 worker ${pct(efficiency(rates, 1))}, 2 workers ${pct(efficiency(rates, 2))}`,
    );
  } finally {
    await Promise.all([...pools.values()].map((p) => p.destroy()));
    await Promise.all([...threads.values()].map((t) => t.stop()));
    if (fingerprints.file) fs.rmSync(fingerprints.file, { force: true });
  }
}

function writeFingerprints(): FingerprintsRef {
  const file = path.join(PROJECT_ROOT, 'bench', '.fingerprints.json');
  writeFingerprintsFile(file);
  return { version: 1, file };
}

/** Fresh bodies for each task, as the fastpath service hands them over (moved to the worker). */
function freshTasks(task: ScoreTask, count: number): ScoreTask[] {
  return Array.from({ length: count }, () => ({
    ...task,
    items: task.items.map((item) => ({ ...item, body: Buffer.from(item.body as Uint8Array) })),
  }));
}

async function warmPool(pool: PiscinaScoringPool, workers: number, task: ScoreTask): Promise<void> {
  for (const end = Date.now() + WARM_MS; Date.now() < end;) {
    await Promise.all(freshTasks(task, workers * 4).map((t) => pool.run(t, { moveBodies: true })));
  }
}

/** Enough queued tasks to keep every worker busy; rows out per second. */
async function timedRound(
  pool: PiscinaScoringPool,
  workers: number,
  task: ScoreTask,
): Promise<Round & { seconds: number }> {
  const fresh = freshTasks(task, TASKS_PER_WORKER * workers);
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMicros();
  const started = process.hrtime.bigint();
  // results are counted and dropped as they come, as the service hands rows to its writer
  let rows = 0;
  await Promise.all(fresh.map((t) => pool.run(t, { moveBodies: true }).then((r) => (rows += r.rows.count))));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    seconds,
    rate: rows / seconds,
    cpuPerRow: (cpu.user + cpu.system) / rows,
    mainPerRow: (mainThreadCpuMicros() - main0) / rows,
  };
}

/** `n` worker threads each scoring its own copy of the task in a loop, for as long as asked. */
class ScoringThreads {
  private readonly workers: Array<{ thread: Worker; rounds: Int32Array }>;
  readonly ready: Promise<unknown>;

  constructor(n: number, fingerprints: FingerprintsRef) {
    this.workers = Array.from({ length: n }, () => {
      const signal = new SharedArrayBuffer(8);
      const workerData: ScoringThreadData = { taskSize: TASK_SIZE, fingerprints, warmMs: WARM_MS, signal };
      return {
        thread: new Worker(path.join(__dirname, 'scoring-thread.js'), { workerData }),
        rounds: new Int32Array(signal),
      };
    });
    this.ready = Promise.all(this.workers.map((w) => nextMessage(w.thread)));
  }

  /** Rows per second of all threads together over `ms`. */
  async round(ms: number): Promise<number> {
    const counts = await Promise.all(
      this.workers.map(({ thread, rounds }) => {
        const answer = nextMessage(thread);
        Atomics.store(rounds, 1, Math.round(ms));
        Atomics.add(rounds, 0, 1);
        Atomics.notify(rounds, 0);
        return answer;
      }),
    );
    return (counts as number[]).reduce((a, b) => a + b, 0) / (ms / 1000);
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
  }
}

function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    worker.once('error', onError);
    worker.once('message', (message: unknown) => {
      worker.off('error', onError);
      resolve(message);
    });
  });
}

function push(rates: Map<number, number[]>, workers: number, rate: number): void {
  rates.set(workers, [...(rates.get(workers) ?? []), rate]);
}

/** Medians of 1 and 2 workers, their ratio, and the median of each round's own ratio. */
function scaling(rates: Map<number, number[]>): { one: number; two: number; ratio: number; paired: number } {
  const one = rates.get(1) ?? [];
  const two = rates.get(2) ?? [];
  return {
    one: median(one),
    two: median(two),
    ratio: median(two) / median(one),
    paired: median(two.map((r, i) => r / one[i])),
  };
}

/** Median over the rounds of the pool's rate over the bare threads' rate with as many workers. */
function efficiency(rates: { pool: Map<number, number[]>; threads: Map<number, number[]> }, workers: number): number {
  const bare = rates.threads.get(workers) ?? [];
  return median((rates.pool.get(workers) ?? []).map((r, i) => r / bare[i]));
}

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
