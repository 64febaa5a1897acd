import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import { ScoreTask, ScoreTaskResult } from './workers/score-task';

/** What services depend on: a way to score a batch off the main thread (tests may pass a fake). */
export abstract class ScoringPool {
  abstract run(task: ScoreTask): Promise<ScoreTaskResult>;
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
  private readonly pool: Piscina<ScoreTask, ScoreTaskResult>;

  /** `filename`: the worker entry (tests pass a wrapper that can crash on purpose). */
  constructor(workers: number, filename = workerFile()) {
    super();
    this.pool = new Piscina<ScoreTask, ScoreTaskResult>({
      filename,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      // This module's view of the environment (the default reads the process's, which a
      // test runner may sandbox).
      env: process.env,
      // No resourceLimits: they cost ~20% throughput (smaller young generation), and on
      // Node 20 a worker reaching its limit can still abort the whole process while tearing
      // down. Memory is bounded instead by the submission size limits.
    });
  }

  run(task: ScoreTask): Promise<ScoreTaskResult> {
    return this.pool.run(task);
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
