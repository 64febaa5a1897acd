import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidMeasurementError } from '../src/modules/fastpath/scoring/errors';
import { CompiledFingerprints, compileFingerprints } from '../src/modules/fastpath/scoring/fingerprints';
import { parseJson } from '../src/modules/fastpath/scoring/lazy-json';
import { normalizeYamlReport } from '../src/modules/fastpath/scoring/normalize-yaml';
import { scoreMeasurement } from '../src/modules/fastpath/scoring/score-measurement';
import { FingerprintRecord } from '../src/modules/fastpath/scoring/types';

/** Measures single-core fastpath scoring throughput on the measurement fixtures. */

const DURATION_MS = 3000;

interface RawFixture {
  name: string;
  raw: string;
  /** The file's bytes, as the scoring workers get a body. */
  bytes: Buffer;
  yaml: boolean;
  testName: string;
}

function findFixturesDir(): string {
  const candidates = [
    join(__dirname, '..', 'test', 'fixtures'),
    join(__dirname, '..', '..', 'test', 'fixtures'),
    join(process.cwd(), 'test', 'fixtures'),
  ];
  const dir = candidates.find((d) => existsSync(join(d, 'measurements')));
  if (!dir) throw new Error(`test/fixtures not found (looked in ${candidates.join(', ')})`);
  return dir;
}

function parseFixture(f: RawFixture): unknown {
  if (!f.yaml) return parseJson(f.bytes);
  return normalizeYamlReport(f.raw, '2015-01-01', `2015-01-01/${f.name}`).measurements[0];
}

function scoreOne(msm: unknown, fingerprints: CompiledFingerprints): void {
  try {
    scoreMeasurement(msm, {
      measurementUid: '20240101000000.000000_IT_webconnectivity_0123456789abcdef',
      fingerprints,
    });
  } catch (err) {
    // discarded measurements (e.g. no probe_asn) still cost their scoring time
    if (!(err instanceof InvalidMeasurementError)) throw err;
  }
}

/** Runs `fn` over the items repeatedly for DURATION_MS, returns items per second. */
function throughput<T>(items: readonly T[], fn: (item: T) => void): number {
  // warm up the JIT before timing
  for (let i = 0; i < 50; i++) for (const item of items) fn(item);
  let count = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(DURATION_MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (const item of items) fn(item);
    count += items.length;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

function report(label: string, perSecond: number): void {
  console.log(`  ${label.padEnd(34)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} msmt/s`);
}

export async function runScoringBench(): Promise<void> {
  const fixturesDir = findFixturesDir();
  const readRecords = (name: string): FingerprintRecord[] =>
    JSON.parse(readFileSync(join(fixturesDir, 'data', name), 'utf8')) as FingerprintRecord[];
  const t0 = process.hrtime.bigint();
  const fingerprints = compileFingerprints(readRecords('fingerprints_dns.json'), readRecords('fingerprints_http.json'));
  const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const measurementsDir = join(fixturesDir, 'measurements');
  const fixtures: RawFixture[] = readdirSync(measurementsDir)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(measurementsDir, name));
      const yaml = name.endsWith('.yaml');
      const f: RawFixture = { name, raw: bytes.toString('utf8'), bytes, yaml, testName: '' };
      const parsed = parseFixture(f) as { test_name?: unknown } | undefined;
      f.testName = typeof parsed?.test_name === 'string' ? parsed.test_name : '';
      return f;
    });
  const webConnectivity = fixtures.filter((f) => f.testName === 'web_connectivity');

  console.log(
    `fastpath scoring: ${fingerprints.dnsCount} DNS + ${fingerprints.http.length} HTTP fingerprints compiled in ${compileMs.toFixed(1)} ms`,
  );
  for (const [label, set] of [
    [`all fixtures (${fixtures.length}, YAML normalized as parse)`, fixtures],
    [`web_connectivity fixtures (${webConnectivity.length})`, webConnectivity],
  ] as const) {
    const bytes = set.reduce((n, f) => n + Buffer.byteLength(f.raw), 0);
    console.log(`${label}, ${(bytes / set.length / 1024).toFixed(1)} KiB average:`);
    const parsed = set.map(parseFixture);
    report('parse only (bytes, lazy long strings)', throughput(set, parseFixture));
    report(
      'parse + score',
      throughput(set, (f) => scoreOne(parseFixture(f), fingerprints)),
    );
    report(
      'score only (pre-parsed)',
      throughput(parsed, (m) => scoreOne(m, fingerprints)),
    );
  }
  await Promise.resolve();
}

if (require.main === module) {
  runScoringBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
