import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runUploader } from '../src/cli/uploader.command';
import { loadConfig } from '../src/common/config/load-config';
import { PROJECT_ROOT } from '../src/common/project-paths';
import { MeasurementSpool } from '../src/common/spool/measurement-spool';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'measurements');
// Web connectivity measurements of typical size (2–20 KB), as most of the traffic is.
const SAMPLES = [
  'report1.json',
  'report2.json',
  'web_connectivity_null.json',
  'web_connectivity_ir_fp.json',
  '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json',
];
const COUNTRIES = ['IT', 'US', 'IR', 'RU', 'BR'];
const HOURS = ['2024030508', '2024030509', '2024030510', '2024030511'];

/** Fills the spool directly (setup, not measured): `n` measurements over 20 hour/country buckets. */
function fillSpool(spoolDir: string, n: number): number {
  const contents = SAMPLES.map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as object);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const hour = HOURS[i % HOURS.length];
    const cc = COUNTRIES[Math.floor(i / HOURS.length) % COUNTRIES.length];
    const bucket = MeasurementSpool.bucketName(hour, cc, 'webconnectivity');
    const dir = path.join(spoolDir, 'incoming', bucket);
    if (i < HOURS.length * COUNTRIES.length) fs.mkdirSync(dir, { recursive: true });
    const content = { ...contents[i % contents.length], input: `https://example-${i}.org/` };
    const body = JSON.stringify({ format: 'json', content });
    const uid = `${hour}1010.${String(i).padStart(6, '0')}_${cc}_webconnectivity_${i.toString(16).padStart(16, '0')}`;
    fs.writeFileSync(path.join(dir, `${uid}.post`), body);
    bytes += body.length;
  }
  return bytes;
}

/** Uploader throughput: spool → postcans + JSONL files (local bucket) → `jsonl` rows on embedded chDB. */
export async function runUploaderBench(): Promise<void> {
  const n = Number(process.env.UPLOADER_BENCH_N ?? 100000);
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-uploader-'));
  try {
    const config = loadConfig({
      env: {},
      overrides: {
        var_dir: varDir,
        log: { level: (process.env.UPLOADER_BENCH_LOG ?? 'warn') as 'warn', json: false },
        metrics: { enabled: false },
      },
    });
    const inputBytes = fillSpool(config.probe_services.spool_dir, n);
    // Written back now, or the uploader's first fsync would pay for the whole setup.
    execFileSync('sync');
    const started = process.hrtime.bigint();
    const summary = await runUploader(config, { all: true });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (summary.measurements !== n) throw new Error(`uploaded ${summary.measurements} of ${n} measurements`);
    const mb = inputBytes / 1e6;
    const run = summary.duration_ms / 1000;
    console.log(
      `uploader: ${n} measurements (${mb.toFixed(1)} MB) in ${summary.batches} batches: ` +
        `run ${run.toFixed(2)} s = ${Math.round(n / run)} measurements/s, ${(mb / run).toFixed(1)} MB/s ` +
        `(${seconds.toFixed(2)} s with ClickHouse start and shutdown); ` +
        `postcans ${(summary.postcan_bytes / 1e6).toFixed(1)} MB, JSONL ${(summary.jsonl_bytes / 1e6).toFixed(1)} MB`,
    );
  } finally {
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runUploaderBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
