import { Worker } from 'node:worker_threads';

export interface FileToWrite {
  path: string;
  data: Uint8Array;
}

// The worker: runs each batch synchronously, in order, and answers with one error code (or
// null) per path. `write`: the files' bytes arrive packed in one moved buffer (`ends[i]` is where
// file i stops), each file created or replaced with mode 0644, no fsync. `sync`: fsync of each
// path, a file or a directory.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const code = (err) => String(err && err.code ? err.code : err && err.message ? err.message : err);
function writeOne(path, data) {
  fs.writeFileSync(path, data, { mode: 0o644 });
}
function syncOne(path) {
  const fd = fs.openSync(path, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
parentPort.on('message', ({ id, op, paths, data, ends }) => {
  const errors = paths.map((path, i) => {
    try {
      if (op === 'write') writeOne(path, data.subarray(i === 0 ? 0 : ends[i - 1], ends[i]));
      else syncOne(path);
      return null;
    } catch (err) {
      return code(err);
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
 * Writes and fsyncs batches of small files on a worker thread, one message per batch: on the
 * event loop, each `fs.promises.writeFile` costs three thread-pool round trips (open, write,
 * close) with their promises and `FileHandle`, and each fsync three more; that was most of the
 * main thread's work per submission. A worker that dies fails the batches it held (the caller
 * falls back to its own calls); the next batch starts a new one.
 */
export class FileBatchWriter {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  /**
   * One entry per file: null when written, else the error code (e.g. `ENOENT`). The bytes are
   * copied into one buffer that is moved to the thread (no structured clone of each view).
   */
  writeAll(files: readonly FileToWrite[]): Promise<Array<string | null>> {
    if (files.length === 0) return Promise.resolve([]);
    const ends = new Array<number>(files.length);
    let total = 0;
    files.forEach((f, i) => (ends[i] = total += f.data.byteLength));
    // not zero-filled: every byte is written below
    const data = Buffer.allocUnsafeSlow(total);
    files.forEach((f, i) => data.set(f.data, ends[i] - f.data.byteLength));
    const paths = files.map((f) => f.path);
    return this.send({ op: 'write', paths, data, ends }, [data.buffer]);
  }

  /** fsync of each path (files or directories), in order; one entry per path as for `writeAll`. */
  syncAll(paths: readonly string[]): Promise<Array<string | null>> {
    if (paths.length === 0) return Promise.resolve([]);
    return this.send({ op: 'sync', paths: [...paths] }, []);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      await worker.terminate();
      this.failAll(worker, new Error('file writer closed'));
    }
  }

  private send(message: Record<string, unknown>, transferList: ArrayBuffer[]): Promise<Array<string | null>> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, ...message }, transferList);
    });
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
