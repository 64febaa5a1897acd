import { Worker } from 'node:worker_threads';

export interface FileToWrite {
  path: string;
  data: Uint8Array;
}

// The worker: writes each file of a batch synchronously (create or replace, mode 0644, no
// fsync) and answers with one error code (or null) per file.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, files }) => {
  const errors = files.map((f) => {
    try {
      fs.writeFileSync(f.path, f.data, { mode: 0o644 });
      return null;
    } catch (err) {
      return String(err && err.code ? err.code : err && err.message ? err.message : err);
    }
  });
  parentPort.postMessage({ id, errors });
});
`;

interface Waiting {
  worker: Worker;
  resolve: (errors: Array<string | null>) => void;
  reject: (err: Error) => void;
}

/**
 * Writes batches of small files on a worker thread, one message per batch: on the event loop,
 * each `fs.promises.writeFile` costs three thread-pool round trips (open, write, close) with
 * their promises and `FileHandle`, which was most of the main thread's work per submission.
 * A worker that dies fails the batches it held (the caller falls back to its own writes); the
 * next batch starts a new one.
 */
export class FileBatchWriter {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** One entry per file: null when written, else the error code (e.g. `ENOENT`). */
  writeAll(files: readonly FileToWrite[]): Promise<Array<string | null>> {
    if (files.length === 0) return Promise.resolve([]);
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, files: files.map((f) => ({ path: f.path, data: f.data })) });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      await worker.terminate();
      this.failAll(worker, new Error('file writer closed'));
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Never what keeps the process alive: the batches it holds are awaited by their callers.
    worker.unref();
    worker.on('message', ({ id, errors }: { id: number; errors: Array<string | null> }) => {
      this.waiting.get(id)?.resolve(errors);
      this.waiting.delete(id);
    });
    const dead = (err: Error): void => {
      if (this.worker === worker) this.worker = null;
      this.failAll(worker, err);
    };
    worker.on('error', dead);
    worker.on('exit', (code) => dead(new Error(`file writer thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Rejects the batches `worker` held. */
  private failAll(worker: Worker, err: Error): void {
    for (const [id, w] of this.waiting) {
      if (w.worker !== worker) continue;
      this.waiting.delete(id);
      w.reject(err);
    }
  }
}
