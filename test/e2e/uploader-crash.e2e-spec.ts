import { ClickHouseClient } from '@clickhouse/client';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClickhouseClient } from '../../src/common/clickhouse/create-clickhouse-client';
import { MeasurementSpool } from '../../src/common/spool/measurement-spool';
import { JsonlBodyReader } from '../../src/common/storage/jsonl-body.reader';
import { LocalBucketStorage } from '../../src/common/storage/local-bucket.storage';
import { CrashPoint } from '../../src/modules/scheduler/uploader/crash-points';
import { loadMeasurement } from '../helpers/fixtures';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { testConfig } from '../helpers/test-config';
import { jsonlTexts, untarGz } from '../unit/uploader/bucket-contents';
import { migrateInChild, runUploaderChild } from '../unit/uploader/uploader-child';

const CRASH_POINTS: CrashPoint[] = [
  'claimed',
  'mid-build',
  'built',
  'upload-in-flight',
  'postcan-uploaded',
  'uploaded',
  'mid-insert',
  'indexed',
  'scored',
  'mid-spool-delete',
  'spool-deleted',
];

// Small batches and inserts so that every crash point lies inside real work.
const OPTIONS = { max_batch_measurements: 4, insert_batch_size: 2, host_id: '7' };

describe('Uploader crash safety', () => {
  let varDir: string;
  let env: Record<string, string>;
  let spool: MeasurementSpool;
  const acknowledged = new Map<string, object>();
  let seq = 0;

  /** What the server does before answering 200: the measurement is then "acknowledged". */
  async function receive(count: number): Promise<void> {
    const base = loadMeasurement('web_connectivity_null.json');
    for (let i = 0; i < count; i++) {
      const n = seq++;
      const [cc, testName] = n % 3 === 0 ? ['US', 'ndt'] : ['IT', 'webconnectivity'];
      const hour = `20240305${String(8 + (n % 2)).padStart(2, '0')}`;
      const content = {
        ...base,
        report_id: `20240305T080000Z_${testName}_${cc}_1_n1_r${n % 5}`,
        input: `https://x/${n}`,
      };
      const uid = `${hour}1010.${String(n).padStart(6, '0')}_${cc}_${testName}_${String(n).padStart(16, '0')}`;
      await spool.write(
        MeasurementSpool.bucketName(hour, cc, testName),
        uid,
        Buffer.from(JSON.stringify({ format: 'json', content })),
      );
      acknowledged.set(uid, content);
    }
  }

  beforeAll(async () => {
    varDir = makeTempDir();
    env = { OONI_VAR_DIR: varDir };
    spool = new MeasurementSpool(path.join(varDir, 'spool'));
    const migrated = await migrateInChild(env);
    expect(migrated).toMatchObject({ code: 0 });
  });
  afterAll(() => removeDir(varDir));

  it('should publish and index every acknowledged measurement exactly once after being killed at every step', async () => {
    for (const point of CRASH_POINTS) {
      // New arrivals every time: each run resumes the interrupted batch, then claims new ones.
      spool = new MeasurementSpool(spool.root);
      await receive(6);
      const crashed = await runUploaderChild(env, { crashAt: point, options: OPTIONS });
      expect({ point, signal: crashed.signal, stderr: crashed.stderr }).toEqual({
        point,
        signal: 'SIGKILL',
        stderr: '',
      });
    }
    const final = await runUploaderChild(env, { options: OPTIONS });
    expect(final).toMatchObject({ code: 0, signal: null });
    expect(final.stdout).toMatch(/SUMMARY .*"resumed_batches":1/);

    // The spool is empty and nothing is left staged.
    const left = fs.readdirSync(spool.root, { recursive: true, encoding: 'utf8' });
    expect(left.filter((f) => f.endsWith('.post') || f.includes('.tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(spool.root, 'outgoing'))).toEqual([]);

    // The bucket: each measurement in exactly one postcan and one JSONL file, as received.
    const bucket = new LocalBucketStorage(path.join(varDir, 'bucket'));
    const objects = (await bucket.list('raw/')).map((o) => o.key);
    const inCans: string[] = [];
    const inJsonl: string[] = [];
    for (const key of objects) {
      expect(key).toMatch(
        /^raw\/20240305\/0[89]\/(US\/ndt|IT\/webconnectivity)\/202403050[89]_(US_ndt|IT_webconnectivity)\.n7\.\d+\.(tar|jsonl)\.gz$/,
      );
      if (key.endsWith('.tar.gz')) {
        for (const name of (await untarGz(await bucket.get(key))).keys()) inCans.push(path.basename(name, '.post'));
      } else {
        // The JSONL lines follow the order of the postcan of the same name: the probe content, unchanged.
        const can = await untarGz(await bucket.get(key.replace(/\.jsonl\.gz$/, '.tar.gz')));
        const uids = [...can.keys()].map((name) => path.basename(name, '.post'));
        const lines = jsonlTexts(await bucket.get(key));
        expect(lines).toEqual(uids.map((uid) => JSON.stringify(acknowledged.get(uid))));
        inJsonl.push(...uids);
      }
    }
    const expected = [...acknowledged.keys()].sort();
    expect(inCans.sort()).toEqual(expected);
    expect(inJsonl.sort()).toEqual(expected);

    // The jsonl table: one row each (no FINAL: duplicates would show), bodies readable by offset.
    const config = testConfig(varDir);
    const client: ClickHouseClient = await createClickhouseClient(config);
    try {
      const rs = await client.query({
        query: 'SELECT measurement_uid, s3path, byte_offset, byte_length FROM jsonl ORDER BY measurement_uid',
        format: 'JSONEachRow',
      });
      const rows = await rs.json<{
        measurement_uid: string;
        s3path: string;
        byte_offset: number;
        byte_length: number;
      }>();
      expect(rows.map((r) => r.measurement_uid)).toEqual(expected);
      const reader = new JsonlBodyReader(bucket);
      for (const row of rows) {
        const body = (await reader.read(row.s3path, row.byte_offset, row.byte_length)).toString();
        expect(body).toBe(JSON.stringify(acknowledged.get(row.measurement_uid)));
      }
    } finally {
      await client.close();
    }
  }, 120000);
});
