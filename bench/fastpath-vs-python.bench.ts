import { ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { scoreBatch } from '../src/modules/fastpath/workers/score-batch';
import { ScoreTaskItem } from '../src/modules/fastpath/workers/score-task';
import { writeFingerprintsFile } from './fixture-bodies';

/**
 * Parse + score, side by side with the original Python fastpath (ooni/backend `fastpath/`, run by
 * bench/python-fastpath/run_original.py with Debian's python3-ujson, -yaml and -packaging), on
 * the same samples (the original's own test samples, test/fixtures/measurements/*.json), with the
 * same fingerprints, both pinned to core 0, in interleaved rounds. The original's source comes
 * from OONI_BACKEND_SRC (a checkout of ooni/backend); without it the bench is skipped.
 */

const ROUNDS = Number(process.env.OONI_BENCH_VS_ROUNDS ?? 5);
const ROUND_S = Number(process.env.OONI_BENCH_VS_ROUND_S ?? 3);
const UID = '20240101000000.000000_IT_webconnectivity_0123456789abcdef';
const SAMPLES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'measurements');
const FINGERPRINTS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'data');

interface RoundResult {
  rows: number;
  seconds: number;
  cpu_seconds: number;
  errors?: number;
}

/** The original, running in its own process and answering one JSON line per command. */
class OriginalFastpath {
  private readonly lines: AsyncIterableIterator<string>;

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(python: string, src: string): Promise<OriginalFastpath> {
    const script = path.join(PROJECT_ROOT, 'bench', 'python-fastpath', 'run_original.py');
    const args = [python, script, '--src', src, '--samples', SAMPLES, '--fingerprints', FINGERPRINTS, '--uid', UID];
    const child = spawn('taskset', ['-c', '0', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const original = new OriginalFastpath(child);
    await original.reply();
    return original;
  }

  async command<T>(line: string): Promise<T> {
    this.child.stdin.write(`${line}\n`);
    return this.reply<T>();
  }

  stop(): void {
    this.child.stdin.end('quit\n');
  }

  private async reply<T>(): Promise<T> {
    const next = await this.lines.next();
    if (next.done) throw new Error('the original fastpath exited (see its error above)');
    return JSON.parse(next.value) as T;
  }
}

function skipReason(python: string, src: string | undefined): string | undefined {
  if (!src) return 'OONI_BACKEND_SRC is not set (a checkout of ooni/backend, see bench/README.md)';
  if (!fs.existsSync(path.join(src, 'fastpath', 'fastpath', 'core.py'))) {
    return `no fastpath/fastpath/core.py in ${src}`;
  }
  try {
    execFileSync(python, ['-c', 'import ujson, yaml, packaging'], { stdio: 'ignore' });
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return `${python} lacks ujson/yaml/packaging (apt-get install python3-ujson python3-yaml python3-packaging) or taskset is missing`;
  }
  return undefined;
}

function nodeItems(): ScoreTaskItem[] {
  return fs
    .readdirSync(SAMPLES)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => ({ measurementUid: UID, body: fs.readFileSync(path.join(SAMPLES, n)) }));
}

function fingerprintsFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-vs-')), 'fingerprints.json');
  writeFingerprintsFile(file);
  return file;
}

/** What the scoring workers do with a task: parse each body (bytes, as the pool hands them over) and score it. */
function nodeRound(items: ScoreTaskItem[], file: string, seconds: number): RoundResult {
  const task = { fingerprints: { version: 1, file }, items };
  let rows = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    rows += scoreBatch(task).rows.length;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  return { rows, seconds: Number(now - start) / 1e9, cpu_seconds: (cpu.user + cpu.system) / 1e6 };
}

/** Samples scored by both, and how many of them got byte-identical `scores`. */
function compareScores(items: ScoreTaskItem[], file: string, original: Array<string | null>): string {
  let both = 0;
  let same = 0;
  const onlyOriginal: string[] = [];
  items.forEach((item, i) => {
    const result = scoreBatch({ fingerprints: { version: 1, file }, items: [item] });
    const row = result.rows[0];
    if (row && original[i] !== null) {
      both++;
      if (row.scores === original[i]) same++;
    } else if (original[i] !== null) {
      // e.g. no probe_asn: the original scores it, then fails to store it
      onlyOriginal.push(result.failures[0]?.reason ?? '?');
    }
  });
  const extra = onlyOriginal.length
    ? `; ${onlyOriginal.length} not storable, discarded here (${onlyOriginal.join(', ')})`
    : '';
  return `identical scores on ${same} of ${both} samples scored by both${extra}`;
}

const rate = (r: RoundResult, cpu: boolean): number => r.rows / (cpu ? r.cpu_seconds : r.seconds);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(8);

export async function runFastpathVsPythonBench(): Promise<void> {
  console.log('\n# Fastpath parse + score vs the original Python fastpath (one core each, interleaved)');
  const python = process.env.OONI_PYTHON ?? '/usr/bin/python3';
  const src = process.env.OONI_BACKEND_SRC;
  const reason = skipReason(python, src);
  if (reason) {
    console.log(`skipped: ${reason}`);
    return;
  }
  execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  const items = nodeItems();
  const file = fingerprintsFile();
  const original = await OriginalFastpath.start(python, src as string);
  try {
    const { scores } = await original.command<{ scores: Array<string | null> }>('scores');
    console.log(`${items.length} samples: ${compareScores(items, file, scores)}`);
    nodeRound(items, file, 1); // JIT warm-up
    await original.command<RoundResult>('round 1');
    const ratios = { wall: [] as number[], cpu: [] as number[] };
    console.log('round  python rows/s  node rows/s  ratio (wall) | python /cpu-s  node /cpu-s  ratio (cpu)');
    for (let i = 0; i < ROUNDS; i++) {
      // alternate who goes first, so that a change in the machine's load weighs on both
      const py = i % 2 === 0 ? await original.command<RoundResult>(`round ${ROUND_S}`) : undefined;
      const node = nodeRound(items, file, ROUND_S);
      const p = py ?? (await original.command<RoundResult>(`round ${ROUND_S}`));
      const wall = rate(node, false) / rate(p, false);
      const cpu = rate(node, true) / rate(p, true);
      ratios.wall.push(wall);
      ratios.cpu.push(cpu);
      console.log(
        `${String(i + 1).padStart(5)} ${fmt(rate(p, false))}     ${fmt(rate(node, false))}     ${wall.toFixed(2).padStart(5)}x    | ${fmt(rate(p, true))}      ${fmt(rate(node, true))}     ${cpu.toFixed(2).padStart(5)}x`,
      );
    }
    console.log(
      `median ratio: ${median(ratios.wall).toFixed(2)}x (wall clock), ${median(ratios.cpu).toFixed(2)}x (CPU time); ceiling: >= 5x`,
    );
  } finally {
    original.stop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

if (require.main === module) {
  runFastpathVsPythonBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
