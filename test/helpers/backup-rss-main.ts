// Child process of test/medium/backup-memory.spec.ts: its own process, so its peak RSS is the backup's.
//   generate <var_dir> <rows>                        fastpath filled from the scored fixtures
//   backup <var_dir> <bucket> <chunk_rows> <chunk_bytes>   one backup of fastpath, figures as JSON
import { ClickHouseClient } from '@clickhouse/client';
import { readFileSync, writeFileSync } from 'node:fs';
import 'reflect-metadata';
import { createClickhouseClient } from '../../src/common/clickhouse/create-clickhouse-client';
import { Migrator } from '../../src/common/clickhouse/migrator';
import { MetricsService } from '../../src/common/metrics/metrics.service';
import { LocalBucketStorage } from '../../src/common/storage/local-bucket.storage';
import { BackupService } from '../../src/modules/scheduler/backup/backup.service';
import { TableChunkReader } from '../../src/modules/scheduler/backup/table-chunk.reader';
import { TableDumpRepository } from '../../src/modules/scheduler/backup/table-dump.repository';
import { TableDumper } from '../../src/modules/scheduler/backup/table-dumper';
import { insertFastpathRows, scoreFixtures } from './fastpath-rows';
import { testConfig } from './test-config';

const MB = 1024 * 1024;

async function generate(varDir: string, rows: number): Promise<void> {
  const client = await createClickhouseClient(testConfig(varDir));
  await new Migrator(client).migrate();
  const seed = scoreFixtures();
  await insertFastpathRows(client, seed);
  // Copies of the real rows, each with its own uid and start time (distinct keys).
  await client.command({
    query: `INSERT INTO fastpath SELECT * EXCEPT (number) REPLACE (
              concat(measurement_uid, '_', toString(number)) AS measurement_uid,
              measurement_start_time + toIntervalSecond(number) AS measurement_start_time)
            FROM fastpath CROSS JOIN numbers({copies:UInt64}) AS n`,
    query_params: { copies: Math.ceil(rows / seed.length) - 1 },
    clickhouse_settings: { max_insert_threads: '1', max_threads: 1 },
  });
  // Merged now: background merges in the backup's process would count in its RSS, by timing.
  // OPTIMIZE does nothing while a background merge holds the parts (as under load): repeat
  // until one active part is left.
  for (let parts = Infinity; parts > 1; parts = await activeParts(client)) {
    await client.command({ query: 'OPTIMIZE TABLE fastpath FINAL' });
  }
  const rs = await client.query({ query: 'SELECT count() AS n FROM fastpath', format: 'JSONEachRow' });
  process.stdout.write(`${JSON.stringify({ rows: Number((await rs.json<{ n: number }>())[0].n) })}\n`);
  await client.close();
}

async function activeParts(client: ClickHouseClient): Promise<number> {
  const rs = await client.query({
    query: "SELECT count() AS n FROM system.parts WHERE database = currentDatabase() AND table = 'fastpath' AND active",
    format: 'JSONEachRow',
  });
  return Number((await rs.json<{ n: number | string }>())[0].n);
}

async function backup(varDir: string, bucket: string, chunkRows: number, chunkBytes: number): Promise<void> {
  const config = testConfig(varDir, {
    db_backup: { tables: ['fastpath'], chunk_rows: chunkRows, chunk_bytes: chunkBytes },
  });
  const client = await createClickhouseClient(config);
  // No merge may start while the backup is measured (it would count in the backup's RSS).
  await client.command({ query: 'SYSTEM STOP MERGES fastpath' });
  const repo = new TableDumpRepository(client);
  await repo.summary('fastpath'); // warm up: the engine's own start-up memory is not the backup's
  const service = new BackupService(
    config,
    repo,
    new TableDumper(repo, new TableChunkReader(repo)),
    new LocalBucketStorage(bucket),
    new MetricsService(config),
  );
  // The peak so far (engine start-up, warm-up) is not the backup's: reset the process's
  // high-water mark (Linux) so that it counts from here on only.
  const startupPeak = peakRss();
  resetPeakRss();
  const baseline = process.memoryUsage().rss;
  let sampled = baseline;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const summary = await service.run();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const peak = Math.max(sampled, peakRss());
  const [table] = summary.tables;
  const out = {
    rows: table.rows,
    chunks: table.chunks,
    seconds,
    baseline_mb: baseline / MB,
    startup_peak_mb: startupPeak / MB,
    growth_mb: (peak - baseline) / MB,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  await client.close();
}

/**
 * This process's peak RSS: VmHWM of /proc/self/status on Linux. Not getrusage's maxRSS: after
 * fork + exec it keeps the parent's peak (a jest worker's, 1.6 GB in CI), so it said nothing of
 * the backup's.
 */
function peakRss(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: the peak then includes the start-up's (a stricter test).
  }
}

const [mode, ...args] = process.argv.slice(2);
const done =
  mode === 'generate' ? generate(args[0], Number(args[1])) : backup(args[0], args[1], Number(args[2]), Number(args[3]));
done.then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
