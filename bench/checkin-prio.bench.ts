import { ClickHouseClient, ClickHouseClientConfigOptions, createClient } from '@clickhouse/client';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Migrator } from '../src/common/clickhouse/migrator';
import { FastpathWeeklyCountsReader } from '../src/modules/fastpath-store/fastpath-weekly-counts.reader';
import { readCitizenlabSnapshot } from '../src/modules/prio/citizenlab-snapshot';
import { PrioRepository } from '../src/modules/prio/prio.repository';
import { PrioService } from '../src/modules/prio/prio.service';
import { PrioRule } from '../src/modules/prio/prio.types';

const PAIRS: [string, number][] = [
  ['US', 7922],
  ['IT', 3269],
  ['RU', 12389],
  ['BR', 28573],
  ['ZZ', 0],
];
const WARMUP = 200;
const CALLS = 2000;

/** From bench/ (ts-node, jest) and from dist/bench/ (built). */
function fixture(name: string): string {
  for (const up of [['..'], ['..', '..']]) {
    const file = path.resolve(__dirname, ...up, 'test', 'fixtures', 'data', name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`fixture ${name} not found`);
}

function openChdb(dir: string): ClickHouseClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/connection');
  return createClient({
    connection: createChdbConnection({ path: dir }) as unknown as ClickHouseClientConfigOptions['connection'],
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
}

/** A week of web_connectivity measurements on part of each country's URLs, through the counters view. */
async function addMeasurements(client: ClickHouseClient): Promise<number> {
  const rs = await client.query({
    query: `SELECT url, toString(cc) AS cc FROM citizenlab WHERE toString(cc) IN {ccs:Array(String)} OR toString(cc) = 'ZZ'`,
    query_params: { ccs: PAIRS.map(([cc]) => cc) },
    format: 'JSONEachRow',
  });
  const urls = (await rs.json<{ url: string; cc: string }>()).map((r) => r.url);
  const when = new Date(Date.now() - 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  const rows = [];
  for (const [cc, asn] of PAIRS) {
    for (let i = 0; i < urls.length; i += 3) {
      for (let k = 0; k < 1 + (i % 5); k++) {
        rows.push({
          measurement_uid: `${cc}-${i}-${k}`,
          report_id: `r-${cc}-${k}`,
          input: urls[i],
          probe_cc: cc,
          probe_asn: asn,
          test_name: 'web_connectivity',
          test_start_time: when,
          measurement_start_time: when,
          anomaly: 'f',
        });
      }
    }
  }
  await client.insert({ table: 'fastpath', values: rows, format: 'JSONEachRow' });
  return rows.length;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * Check-in prioritization latency: the full bundled CitizenLab list and the legacy US rules on
 * embedded chDB, `generateTestList` called as the check-in does (limit 100, one cc/ASN per call).
 */
export async function runPrioBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ooni-bench-prio-'));
  const client = openChdb(dir);
  try {
    await new Migrator(client).migrate();
    const repo = new PrioRepository(client);
    let urls = 0;
    for await (const batch of readCitizenlabSnapshot()) {
      await repo.insertCitizenlab(batch);
      urls += batch.length;
    }
    const rules = JSON.parse(fs.readFileSync(fixture('url_priorities_us.json'), 'utf8')) as PrioRule[];
    await repo.insertRuleRows(rules.map((r) => ({ sign: 1, ...r })));
    const measurements = await addMeasurements(client);

    const prio = new PrioService(repo, new FastpathWeeklyCountsReader(client));
    await prio.refresh();
    const call = (i: number) => {
      const [probeCc, probeAsn] = PAIRS[i % PAIRS.length];
      return prio.generateTestList({ probeCc, probeAsn, categoryCodes: [], limit: 100 });
    };
    for (let i = 0; i < WARMUP; i++) await call(i);
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = process.hrtime.bigint();
      await call(i);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    const fmt = (ms: number) => ms.toFixed(2);
    console.log(
      `checkin-prio: ${urls} URLs, ${rules.length} rules, ${measurements} measurements; ` +
        `${CALLS} calls over ${PAIRS.length} cc/ASN pairs: ` +
        `p50 ${fmt(quantile(times, 0.5))} ms, p99 ${fmt(quantile(times, 0.99))} ms, max ${fmt(times[times.length - 1])} ms`,
    );
  } finally {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runPrioBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
