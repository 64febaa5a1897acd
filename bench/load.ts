import autocannon from 'autocannon';
import * as fs from 'node:fs';

/** CPU time (µs) of this process's main thread so far (Linux schedstat, ns precision); NaN elsewhere. */
export function mainThreadCpuMicros(): number {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
  } catch {
    return NaN;
  }
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** CPU time of the main thread (the server's event loop) per completed request, µs. */
  mainUsPerRequest: number;
  /**
   * CPU time of the whole process per completed request, µs: every thread (event loop, load
   * generator, thread pool, scoring workers, embedded ClickHouse), user + system.
   */
  processUsPerRequest: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  headers?: Record<string, string>;
  connections?: number;
  durationS?: number;
  /** Builds each request's path, e.g. to spread report ids. */
  path?: () => string;
}

/**
 * Bounded load against a loopback server (autocannon). The load generator runs in a worker
 * thread, so it does not share the server's event loop (with two cores: one each); a `path`
 * builder is a function and cannot cross into a worker, so such loads run on this thread.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const cpuBefore = mainThreadCpuMicros();
  const processBefore = process.cpuUsage();
  const result = await autocannon({
    workers: opts.path ? undefined : 1,
    url: opts.url,
    method: opts.method ?? 'GET',
    body: opts.body,
    headers: opts.headers,
    connections: opts.connections ?? 16,
    duration: opts.durationS ?? 8,
    requests: opts.path ? [{ setupRequest: (req) => ({ ...req, path: opts.path?.() }) }] : undefined,
  });
  const processCpu = process.cpuUsage(processBefore);
  const requests = Math.max(1, result.requests.total);
  return {
    mainUsPerRequest: (mainThreadCpuMicros() - cpuBefore) / requests,
    processUsPerRequest: (processCpu.user + processCpu.system) / requests,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function formatLoad(label: string, r: LoadResult): string {
  return (
    `${label.padEnd(52)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  ` +
    `p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms  ` +
    `main ${r.mainUsPerRequest.toFixed(0).padStart(4)} µs/req  process ${r.processUsPerRequest.toFixed(0).padStart(4)} µs/req` +
    (r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : '')
  );
}

export interface LoadTarget {
  label: string;
  url: string;
  /** Run before each round on this target. */
  before?: () => void;
}

/**
 * Every target is loaded once per round, rounds interleaved: on a shared machine the disk and
 * CPU load drift within seconds, and a ceiling is only comparable to what ran beside it.
 * Prints each target's median round (by req/s) and every round's req/s.
 */
export async function runInterleaved(
  targets: LoadTarget[],
  opts: Omit<LoadOptions, 'url'>,
  rounds = 3,
): Promise<Map<LoadTarget, LoadResult>> {
  const results = new Map<LoadTarget, LoadResult[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      target.before?.();
      results.get(target)!.push(await runLoad({ ...opts, url: target.url }));
    }
  }
  const medians = new Map<LoadTarget, LoadResult>();
  for (const target of targets) {
    const runs = results.get(target)!.sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
    const median = runs[Math.floor(runs.length / 2)];
    medians.set(target, median);
    const all = runs.map((r) => r.requestsPerSecond.toFixed(0)).join('/');
    console.log(`${formatLoad(target.label, median)}  (rounds: ${all})`);
  }
  return medians;
}
