import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { zstdDecompress } from '../../src/common/compression/zstd';
import { ObjectStorage } from '../../src/common/storage/object-storage';
import { ExportManifest } from '../../src/modules/scheduler/backup/export-manifest';
import { ExportSummary } from '../../src/modules/scheduler/backup/public-export.service';
import { insertFastpathRows, scoreFixtures } from '../helpers/fastpath-rows';
import { FIXTURES_DIR } from '../helpers/fixtures';
import { LocalS3, startLocalS3 } from '../helpers/local-s3';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';
import { testConfig } from '../helpers/test-config';

const PREFIX = 'clickhouse_export/csv';
type Row = Record<string, string>;

async function seed(t: TestApp): Promise<void> {
  const rows = scoreFixtures();
  await insertFastpathRows(t.clickhouse, rows);
  await t.clickhouse.insert({
    table: 'jsonl',
    values: rows.map((r, i) => ({
      report_id: r.report_id,
      input: r.input,
      s3path: `raw/${r.measurement_start_time.slice(0, 10).replaceAll('-', '')}/00/IT/x.jsonl.gz`,
      linenum: i,
      measurement_uid: r.measurement_uid,
      date: r.measurement_start_time.slice(0, 10),
      source: 'fixture',
    })),
    format: 'JSONEachRow',
  });
  const citizenlab = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'data', 'citizenlab.json'), 'utf8')) as Row[];
  await t.clickhouse.insert({
    table: 'citizenlab',
    values: citizenlab.map((r) => ({ ...r, domain: new URL(r.url).hostname, cc: 'ZZ' })),
    format: 'JSONEachRow',
  });
  await t.clickhouse.command({ query: "INSERT INTO accounts (account_id, role) VALUES (repeat('a', 32), 'admin')" });
}

async function rowsOf(t: TestApp, query: string, params: Record<string, string> = {}): Promise<Row[]> {
  const rs = await t.clickhouse.query({ query, query_params: params, format: 'JSONEachRow' });
  return rs.json<Row>();
}

/** The file's CSV records, after checking its sha256 and size against the manifest. */
async function readCsv(storage: ObjectStorage, manifest: ExportManifest, key: string): Promise<Row[]> {
  const entry = manifest.files.find((f) => f.key === key);
  expect(entry).toBeDefined();
  const body = await storage.get(key);
  expect(createHash('sha256').update(body).digest('hex')).toBe(entry?.sha256);
  expect(body.length).toBe(entry?.bytes);
  const records = parse<Row>(zstdDecompress(body), { columns: true });
  expect(records).toHaveLength(entry?.rows ?? -1);
  return records;
}

async function runExport(t: TestApp): Promise<ExportSummary> {
  const admin = t.app
    .get(SessionTokenService)
    .issue('a'.repeat(32), 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
  const res = await fetch(`${t.url}/api/_/admin/run-job/public-export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as ExportSummary;
}

async function manifestOf(storage: ObjectStorage): Promise<ExportManifest> {
  return JSON.parse((await storage.get(`${PREFIX}/manifest.json`)).toString()) as ExportManifest;
}

/** Every fastpath day is exported, run after run, with the rows of that day only, in key order. */
async function checkFullExport(t: TestApp, maxDays: number): Promise<void> {
  const days = await rowsOf(
    t,
    "SELECT toString(toDate(measurement_start_time, 'UTC')) AS day, toString(count()) AS n FROM fastpath GROUP BY day ORDER BY day",
  );
  expect(days.length).toBeGreaterThan(maxDays);
  const first = await runExport(t);
  expect(first.exported.filter((e) => e.key.includes('/fastpath_'))).toHaveLength(maxDays);
  expect(first.pending_days).toBeGreaterThan(0);
  for (let i = 0; i < 50 && (await runExport(t)).pending_days > 0; i++);
  expect((await runExport(t)).exported).toEqual([]);

  const storage = t.app.get(ObjectStorage);
  const manifest = await manifestOf(storage);
  const fastpathFiles = manifest.files.filter((f) => f.table === 'fastpath');
  expect(fastpathFiles.map((f) => [f.day, String(f.rows)])).toEqual(days.map((d) => [d.day, d.n]));
  const day = days[0].day;
  const records = await readCsv(storage, manifest, `${PREFIX}/fastpath_${day.replaceAll('-', '')}.csv.zstd`);
  const expected = await rowsOf(
    t,
    `SELECT measurement_uid, report_id FROM fastpath WHERE toDate(measurement_start_time, 'UTC') = {day:Date}
     ORDER BY measurement_start_time, report_id, input, measurement_uid`,
    { day },
  );
  expect(records.map((r) => [r.measurement_uid, r.report_id])).toEqual(
    expected.map((r) => [r.measurement_uid, r.report_id]),
  );
  expect(records.every((r) => r.measurement_start_time.startsWith(day))).toBe(true);
  const [citizenlab] = await rowsOf(t, 'SELECT toString(count()) AS n FROM citizenlab');
  expect((await readCsv(storage, manifest, `${PREFIX}/citizenlab.csv.zstd`)).length).toBe(Number(citizenlab.n));
  expect(manifest.files.some((f) => f.table === 'jsonl')).toBe(true);
  expect((await storage.list('')).some((o) => o.key.includes('accounts'))).toBe(false);
}

describe('public export (CSV.zstd)', () => {
  const exportConfig = { tables: ['fastpath', 'jsonl', 'citizenlab'], chunk_rows: 2, max_days_per_run: 3 };

  it('should refuse tables with private data in db_export.tables', () => {
    const dir = makeTempDir();
    try {
      for (const table of ['accounts', 'session_expunge', 'msmt_feedback', 'incidents', 'oonirun']) {
        expect(() => testConfig(dir, { db_export: { tables: ['fastpath', table] } })).toThrow(/db_export\.tables/);
      }
    } finally {
      removeDir(dir);
    }
  });

  describe('in the local bucket', () => {
    const bucket = makeTempDir('ooni-bucket-');
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        storage: { driver: 'local', local_path: bucket },
        fastpath: { enabled: false },
        db_export: exportConfig,
      });
      await seed(t);
    });
    afterAll(async () => {
      await t?.close();
      removeDir(bucket);
    });

    it('should export every complete day of fastpath and jsonl and the whole citizenlab, over several runs', async () => {
      await checkFullExport(t, exportConfig.max_days_per_run);
    });

    it('should export again only the day whose rows changed, and the whole table whose checksum changed', async () => {
      const [row] = await rowsOf(
        t,
        'SELECT measurement_uid, toString(measurement_start_time) AS ts FROM fastpath LIMIT 1',
      );
      await t.clickhouse.command({
        query: `INSERT INTO fastpath (measurement_uid, report_id, measurement_start_time, test_name, probe_cc)
                SELECT concat(measurement_uid, '_late'), report_id, measurement_start_time, test_name, probe_cc
                FROM fastpath WHERE measurement_uid = {uid:String}`,
        query_params: { uid: row.measurement_uid },
      });
      await t.clickhouse.insert({
        table: 'citizenlab',
        values: [{ domain: 'late.example', url: 'https://late.example/', cc: 'ZZ', category_code: 'NEWS' }],
        format: 'JSONEachRow',
      });
      const day = row.ts.slice(0, 10).replaceAll('-', '');
      const again = await runExport(t);
      expect(again.exported.map((e) => e.key).sort()).toEqual(
        [`${PREFIX}/citizenlab.csv.zstd`, `${PREFIX}/fastpath_${day}.csv.zstd`].sort(),
      );
      const storage = t.app.get(ObjectStorage);
      const records = await readCsv(storage, await manifestOf(storage), `${PREFIX}/fastpath_${day}.csv.zstd`);
      expect(records.map((r) => r.measurement_uid)).toContain(`${row.measurement_uid}_late`);
    });
  });

  describe('on S3', () => {
    let s3: LocalS3;
    let t: TestApp;
    beforeAll(async () => {
      s3 = await startLocalS3();
      t = await startTestApp({
        storage: {
          driver: 's3',
          s3: {
            endpoint: s3.endpoint,
            bucket: s3.bucket,
            force_path_style: true,
            access_key_id: s3.accessKeyId,
            secret_access_key: s3.secretAccessKey,
          },
        },
        fastpath: { enabled: false },
        db_export: exportConfig,
      });
      await seed(t);
    });
    afterAll(async () => {
      await t?.close();
      await s3?.close();
    });

    it('should export every complete day and the whole tables into the bucket', async () => {
      await checkFullExport(t, exportConfig.max_days_per_run);
    });
  });
});
