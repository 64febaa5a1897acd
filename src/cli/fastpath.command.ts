import { Logger } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { createClickhouseClient } from '../common/clickhouse/create-clickhouse-client';
import { Migrator } from '../common/clickhouse/migrator';
import { AppConfig } from '../common/config/app-config';
import { loadConfig } from '../common/config/load-config';
import { MetricsService } from '../common/metrics/metrics.service';
import { createObjectStorage } from '../common/storage/storage.module';
import { splitCommaList } from '../common/validation/comma-list';
import { parseUtcDate } from '../common/validation/utc-date';
import { FastpathWriter, fastpathWriterOptions } from '../modules/fastpath-store/fastpath.writer';
import { FingerprintsRepository } from '../modules/fastpath/fingerprints.repository';
import { FingerprintsService } from '../modules/fastpath/fingerprints.service';
import { ReprocessOptions, Reprocessor } from '../modules/fastpath/reprocess/reprocessor';
import { PiscinaScoringPool, workerCount } from '../modules/fastpath/scoring-pool';

interface FastpathFlags {
  startDay?: string;
  endDay?: string;
  noapi?: boolean;
  stdout?: boolean;
  debug?: boolean;
  clickhouseUrl?: string;
  stopAfter?: number;
  writeToDb: boolean;
  ccs?: string;
  testnames?: string;
}

function day(value: string, flag: string): Date {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseUtcDate(value) : null;
  if (!parsed?.ok) throw new Error(`${flag} must be a date like 2024-01-31`);
  return parsed.date;
}

function list(value: string | undefined, normalize: (s: string) => string): string[] {
  return splitCommaList(value ?? '', { unique: false })
    .map(normalize)
    .filter(Boolean);
}

/** The effective configuration for the flags (ClickHouse URL, log level). */
function configFor(flags: FastpathFlags): AppConfig {
  return loadConfig({
    overrides: {
      ...(flags.clickhouseUrl ? { clickhouse: { url: flags.clickhouseUrl } } : {}),
      log: { level: flags.debug ? 'debug' : 'log' },
    },
  });
}

/** Progress reporting: a bar on a terminal, else (with --debug) one line per file and discard. */
function progress(
  flags: FastpathFlags,
  log: (msg: string) => void,
): Pick<ReprocessOptions, 'onFiles' | 'onFileDone' | 'onFailure'> & { stop: () => void } {
  const bar =
    process.stderr.isTTY && !flags.debug
      ? new SingleBar({ format: '{bar} {value}/{total} files {msm} measurements' })
      : null;
  let measured = 0;
  return {
    onFiles: (files) => {
      log(`${files.length} files to process`);
      bar?.start(files.length, 0, { msm: 0 });
    },
    onFileDone: (file, n) => {
      measured += n;
      if (bar) bar.increment(1, { msm: measured });
      else if (flags.debug) log(`${file.key}: ${n} measurements`);
    },
    onFailure: (uid, reason) => {
      if (flags.debug) log(`discarded ${uid}: ${reason}`);
    },
    stop: () => bar?.stop(),
  };
}

/** Scores the selected bucket files with the live fastpath's pool, fingerprints and writer. */
async function runFastpath(flags: FastpathFlags): Promise<void> {
  const startDay = day(flags.startDay ?? '', '--start-day');
  const endDay = flags.endDay ? day(flags.endDay, '--end-day') : new Date(startDay.getTime() + 86400_000);
  if (flags.stopAfter !== undefined && !(Number.isInteger(flags.stopAfter) && flags.stopAfter > 0)) {
    throw new Error('--stop-after must be a positive integer');
  }
  const config = configFor(flags);
  const out = flags.stdout ? process.stdout : process.stderr;
  const log = (msg: string): void => void out.write(`${msg}\n`);
  Logger.overrideLogger(flags.debug ? ['log', 'warn', 'error', 'debug'] : ['warn', 'error']);

  const client = await createClickhouseClient(config);
  const pool = new PiscinaScoringPool(workerCount(config.fastpath.workers));
  const metrics = new MetricsService(config);
  const fingerprints = new FingerprintsService(config, new FingerprintsRepository(client));
  try {
    await new Migrator(client).migrate();
    await fingerprints.start();
    const writer = flags.writeToDb
      ? new FastpathWriter(client, metrics.component('fastpath'), fastpathWriterOptions(config))
      : null;
    const { stop, ...callbacks } = progress(flags, log);
    const stats = await new Reprocessor(createObjectStorage(config), pool, fingerprints.current, writer).run({
      startDay,
      endDay,
      stopAfter: flags.stopAfter,
      ccs: list(flags.ccs, (s) => s.toUpperCase()),
      testnames: list(flags.testnames, (s) => s.toLowerCase().replace(/_/g, '')),
      taskBatchSize: config.fastpath.task_batch_size,
      ...callbacks,
    });
    stop();
    log(
      `processed ${stats.files} files, ${stats.measurements} measurements: ${stats.rows} rows` +
        `${flags.writeToDb ? ' written' : ' (not written: --no-write-to-db)'}, ${stats.failures} discarded`,
    );
  } finally {
    fingerprints.onApplicationShutdown();
    await pool.destroy();
    await metrics.onApplicationShutdown();
    await client.close();
  }
}

/** Reprocess measurements from the data bucket (legacy `fastpath` flags). */
export function fastpathCommand(): Command {
  return new Command('fastpath')
    .description(
      'Reprocess measurements from the data bucket into the fastpath table (days: start inclusive, end exclusive)',
    )
    .requiredOption('--start-day <day>', 'first day, YYYY-MM-DD')
    .option('--end-day <day>', 'day after the last one, YYYY-MM-DD (default: start day + 1)')
    .option('--noapi', 'accepted for compatibility: reprocessing never feeds from the API')
    .option('--stdout', 'log to stdout instead of stderr')
    .option('--debug', 'log at debug level, one line per discarded measurement')
    .option('--clickhouse-url <url>', 'ClickHouse server URL (default: configuration)')
    .addOption(new Option('--stop-after <n>', 'stop after feeding N measurements').argParser((v) => Number(v)))
    .option('--no-write-to-db', 'score but do not insert into the database')
    .option('--ccs <list>', 'comma-separated country codes')
    .option('--testnames <list>', 'comma-separated test names, without underscores')
    .action((flags: FastpathFlags) => runFastpath(flags));
}
