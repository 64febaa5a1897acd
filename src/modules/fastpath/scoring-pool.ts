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

  constructor(workers: number) {
    super();
    this.pool = new Piscina<ScoreTask, ScoreTaskResult>({
      filename: workerFile(),
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      // This module's view of the environment (the default reads the process's, which a
      // test runner may sandbox).
      env: process.env,
      // Large bodies are fine; a runaway worker dies alone instead of taking the process's memory.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
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
