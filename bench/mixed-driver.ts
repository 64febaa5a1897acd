import * as http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** One kind of request of a mix, drawn with probability `weight` / sum of weights. */
export interface RequestKind {
  name: string;
  weight: number;
  /** Method, path and body of the next request of this kind. */
  next(): { method: 'GET' | 'POST'; path: string; body?: string };
}

/** What one timed run of the mix saw: latencies per kind, errors per kind, event-loop delay. */
export interface MixSamples {
  ms: number[][];
  /** Per kind: failed requests by status code (0: socket error). */
  errors: Array<Map<number, number>>;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
}

export interface MixResult {
  kinds: KindResult[];
  /** Event-loop delay of this process (the app's and the clients' loop): median of the runs, and their worst p99. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
}

export interface KindResult {
  name: string;
  count: number;
  errors: number;
  /** `status×count` of the failures, e.g. `429×12 0×1`; empty when none. */
  errorStatuses: string;
  p50Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function send(agent: http.Agent, base: URL, req: ReturnType<RequestKind['next']>): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = req.body
      ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(req.body) }
      : {};
    const r = http.request(
      { agent, host: base.hostname, port: base.port, method: req.method, path: req.path, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * `clients` closed-loop clients (each sends its next request when the previous one is answered)
 * for `durationS`, each request's kind drawn from the mix by a seeded generator. A non-2xx answer
 * or a socket error counts as an error of its kind.
 */
export async function runMix(
  url: string,
  kinds: RequestKind[],
  clients: number,
  durationS: number,
): Promise<MixSamples> {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const total = kinds.reduce((s, k) => s + k.weight, 0);
  const ms = kinds.map((): number[] => []);
  const errors = kinds.map(() => new Map<number, number>());
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (): number => {
    let r = random() * total;
    for (const [i, k] of kinds.entries()) if ((r -= k.weight) < 0) return i;
    return kinds.length - 1;
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const deadline = performance.now() + durationS * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const i = pick();
      const t0 = performance.now();
      const status = await send(agent, base, kinds[i].next()).catch(() => 0);
      ms[i].push(performance.now() - t0);
      if (status < 200 || status > 299) errors[i].set(status, (errors[i].get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  loop.disable();
  return { ms, errors, loopDelayP50Ms: loop.percentile(50) / 1e6, loopDelayP99Ms: loop.percentile(99) / 1e6 };
}

/** Latency percentiles per kind over several runs of the same variant. */
export function summarize(kinds: RequestKind[], runs: MixSamples[]): MixResult {
  const loops = runs.map((r) => r.loopDelayP50Ms).sort((a, b) => a - b);
  return {
    kinds: kinds.map((k, i) => {
      const sorted = runs.flatMap((r) => r.ms[i]).sort((a, b) => a - b);
      const byStatus = new Map<number, number>();
      for (const r of runs) {
        for (const [status, n] of r.errors[i]) byStatus.set(status, (byStatus.get(status) ?? 0) + n);
      }
      return {
        name: k.name,
        count: sorted.length,
        errors: [...byStatus.values()].reduce((a, b) => a + b, 0),
        errorStatuses: [...byStatus].map(([status, n]) => `${status}×${n}`).join(' '),
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
      };
    }),
    loopDelayP50Ms: percentile(loops, 50),
    loopDelayP99Ms: Math.max(...runs.map((r) => r.loopDelayP99Ms)),
  };
}
