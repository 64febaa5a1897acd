// organize-imports-ignore: the first import sizes libuv's thread pool before any module uses it.
import '../src/common/clickhouse/libuv-threadpool';
import 'reflect-metadata';
import { runAggregationBench } from './aggregation.bench';
import { runCheckInHttpBench } from './checkin-http.bench';
import { runFastpathVsPythonBench } from './fastpath-vs-python.bench';
import { runPrioBench } from './checkin-prio.bench';
import { runMixedLoadBench } from './mixed-load.bench';
import { runOonirunEngineDescriptorBench } from './oonirun-engine-descriptor.bench';
import { runPrivateStatsBench } from './private-stats.bench';
import { runQuotasBench } from './quotas.bench';
import { runScoringPoolBench } from './scoring-pool.bench';
import { runScoringBench } from './scoring.bench';
import { runSubmissionBench } from './submission.bench';
import { runUploaderBench } from './uploader.bench';

/** `npm run bench [name]`: every benchmark in turn (or one); figures are recorded in bench/README.md. */
async function main(): Promise<void> {
  const only = process.argv[2];
  const benches: Array<[string, () => Promise<void>]> = [
    ['scoring', runScoringBench],
    ['pool', runScoringPoolBench],
    ['vs-python', runFastpathVsPythonBench],
    ['submission', runSubmissionBench],
    ['prio', runPrioBench],
    ['checkin', runCheckInHttpBench],
    ['quotas', runQuotasBench],
    ['uploader', runUploaderBench],
    ['aggregation', runAggregationBench],
    ['oonirun', runOonirunEngineDescriptorBench],
    ['private-stats', runPrivateStatsBench],
    ['mixed', runMixedLoadBench],
  ];
  for (const [name, run] of benches) {
    if (only && only !== name) continue;
    await run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
