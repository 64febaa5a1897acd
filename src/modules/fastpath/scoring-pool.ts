import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import { packBodies, PackOptions } from './pack-bodies';
import { ScoredBatch, ScoreTask } from './workers/score-task';

/** What services depend on: a way to score a batch off the main thread (tests may pass a fake). */
export abstract class ScoringPool {
  abstract run(task: ScoreTask, opts?: PackOptions): Promise<ScoredBatch>;
  abstract destroy(): Promise<void>;
}

function workerFile(): string {
  const compiled = path.join(__dirname, 'workers', 'score.worker.js');
  // From TypeScript sources (jest) the worker compiles itself through @swc-node/register.
  return fs.existsSync(compiled) ? compiled : path.join(__dirname, 'workers', 'score.worker.dev.js');
}

export function workerCount(configured: number): number {
  return configured > 0 ? configured : Math.max(1, os.availableParallelism());
}

/** Piscina pool of scoring workers. A crashed worker is replaced; its task fails alone. */
export class PiscinaScoringPool extends ScoringPool {
  private readonly pool: Piscina<ScoreTask, ScoredBatch>;

  /** `filename`: the worker entry (tests pass a wrapper that can crash on purpose). */
  constructor(workers: number, filename = workerFile()) {
    super();
    this.pool = new Piscina<ScoreTask, ScoredBatch>({
      filename,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      // A second task waits in each worker's port: a worker goes on to it at once instead of
      // idling until the main thread (busy, or not scheduled on a loaded machine) hands one over.
      concurrentTasksPerWorker: 2,
      // This module's view of the environment (the default reads the process's, which a
      // test runner may sandbox).
      env: process.env,
      // No resourceLimits: they cost ~20% throughput (smaller young generation), and on
      // Node 20 a worker reaching its limit can still abort the whole process while tearing
      // down. Memory is bounded instead by the submission size limits.
    });
  }

  /** Byte bodies are moved to the worker, not copied (see packBodies). */
  /** Rows come back encoded for the insert (score.worker.ts). */
  run(task: ScoreTask, opts: PackOptions = {}): Promise<ScoredBatch> {
    const { task: packed, transferList } = packBodies(task, opts);
    return this.pool.run(packed, { transferList });
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
