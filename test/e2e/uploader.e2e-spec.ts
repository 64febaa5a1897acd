import { compress, init } from '@bokuweb/zstd-wasm';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { JsonlBodyReader } from '../../src/common/storage/jsonl-body.reader';
import { ObjectStorage } from '../../src/common/storage/object-storage';
import { listMeasurementFixtures, loadMeasurement, OPEN_REPORT_REQUEST } from '../helpers/fixtures';
import { LocalS3, startLocalS3 } from '../helpers/local-s3';
import { startTestApp, TestApp } from '../helpers/test-app';
import { jsonlTexts, untarGz } from '../unit/uploader/bucket-contents';

interface Summary {
  batches: number;
  measurements: number;
  testbed: boolean;
}

interface JsonlRow {
  measurement_uid: string;
  report_id: string;
  input: string;
  s3path: string;
  linenum: number;
  date: string;
  byte_offset: number;
  byte_length: number;
}

describe('Uploader (S3 data bucket)', () => {
  let s3: LocalS3;
  let t: TestApp;
  let adminToken: string;
  let reportId: string;
  const submitted = new Map<string, { body: Buffer; content: Record<string, unknown> }>();

  const post = (p: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${t.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  const runJob = (query = '?all=true', token = adminToken): Promise<Response> =>
    post(`/api/_/admin/run-job/uploader${query}`, '', { authorization: `Bearer ${token}` });

  async function submit(content: Record<string, unknown>, zstd = false): Promise<string> {
    const body = Buffer.from(JSON.stringify({ format: 'json', content }));
    const res = await post(
      `/report/${reportId}`,
      zstd ? Buffer.from(compress(body, 3)) : body,
      zstd ? { 'content-encoding': 'zstd' } : {},
    );
    expect(res.status).toBe(200);
    const { measurement_uid } = (await res.json()) as { measurement_uid: string };
    submitted.set(measurement_uid, { body, content });
    return measurement_uid;
  }

  async function jsonlRows(uids: string[]): Promise<JsonlRow[]> {
    const rs = await t.clickhouse.query({
      query: `SELECT measurement_uid, report_id, input, s3path, linenum, toString(date) AS date, byte_offset, byte_length
              FROM jsonl FINAL WHERE measurement_uid IN {uids:Array(String)} ORDER BY measurement_uid`,
      query_params: { uids },
      format: 'JSONEachRow',
    });
    return rs.json<JsonlRow>();
  }

  beforeAll(async () => {
    await init();
    s3 = await startLocalS3();
    t = await startTestApp({
      storage: {
        driver: 's3',
        s3: {
          endpoint: s3.endpoint,
          bucket: s3.bucket,
          access_key_id: s3.accessKeyId,
          secret_access_key: s3.secretAccessKey,
        },
      },
      fastpath: { enabled: false },
    });
    const opts = { sessionExpiryDays: 1, loginExpiryDays: 1 };
    adminToken = t.app.get(SessionTokenService).issue('a'.repeat(32), 'admin', opts);
    const open = await post('/report', OPEN_REPORT_REQUEST);
    reportId = ((await open.json()) as { report_id: string }).report_id;
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('should only let admins run jobs, and name unknown jobs', async () => {
    expect((await post('/api/_/admin/run-job/uploader', '')).status).toBe(401);
    const user = t.app
      .get(SessionTokenService)
      .issue('b'.repeat(32), 'user', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    expect((await runJob('', user)).status).toBe(403);
    const unknown = await post('/api/_/admin/run-job/nope', '', { authorization: `Bearer ${adminToken}` });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'Unknown job' });
  });

  it('should publish submitted measurements to the S3 layout, index them and read each body back by offset', async () => {
    const fixtures = listMeasurementFixtures('.json');
    const uids: string[] = [];
    for (const [i, name] of fixtures.entries()) uids.push(await submit(loadMeasurement(name), i % 2 === 1));

    // The current hour is still open: a plain run leaves it alone and uploads only closed hours
    // (submissions that straddled an hour boundary are in one; no assumption on the wall clock).
    const hourNow = (): string => new Date().toISOString().slice(0, 13).replace(/[-T]/g, '');
    const openBefore = hourNow();
    const plain = await runJob('');
    const openAfter = hourNow();
    expect(plain.status).toBe(200);
    const closed = (open: string): string[] => uids.filter((u) => u.slice(0, 10) < open);
    const plainSummary = (await plain.json()) as Summary;
    expect([closed(openBefore).length, closed(openAfter).length]).toContain(plainSummary.measurements);

    const res = await runJob();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const summary = (await res.json()) as Summary;
    expect(summary).toMatchObject({ measurements: uids.length - plainSummary.measurements, testbed: false });

    const storage = t.app.get(ObjectStorage);
    const hours = [...new Set(uids.map((u) => u.slice(0, 10)))];
    expect(summary.batches + plainSummary.batches).toBe(hours.length);
    const seen: string[] = [];
    for (const hour of hours) {
      const dir = `raw/${hour.slice(0, 8)}/${hour.slice(8)}/IT/webconnectivity/`;
      const keys = (await storage.list(dir)).map((o) => o.key);
      expect(keys.map((k) => path.basename(k))).toEqual([
        expect.stringMatching(new RegExp(`^${hour}_IT_webconnectivity\\.n1\\.\\d+\\.jsonl\\.gz$`)),
        expect.stringMatching(new RegExp(`^${hour}_IT_webconnectivity\\.n1\\.\\d+\\.tar\\.gz$`)),
      ]);
      const can = await untarGz(await storage.get(keys[1]));
      for (const [name, body] of can) {
        const uid = path.basename(name, '.post');
        expect(name).toBe(`${hour}_IT_webconnectivity/${uid}.post`);
        expect(body.equals(submitted.get(uid)!.body)).toBe(true);
      }
      // One line per postcan entry, in the same order: the probe's content, unchanged.
      const canUids = [...can.keys()].map((n) => path.basename(n, '.post'));
      const lines = jsonlTexts(await storage.get(keys[0]));
      expect(lines).toEqual(canUids.map((uid) => JSON.stringify(submitted.get(uid)!.content)));
      seen.push(...canUids);
    }
    expect(seen.sort()).toEqual([...uids].sort());

    const rows = await jsonlRows(uids);
    expect(rows.map((r) => r.measurement_uid)).toEqual([...uids].sort());
    const reader = t.app.get(JsonlBodyReader);
    for (const row of rows) {
      const { content } = submitted.get(row.measurement_uid)!;
      expect(row.report_id).toBe(content.report_id);
      expect(row.s3path).toMatch(/^raw\/\d{8}\/\d{2}\/IT\/webconnectivity\/.+\.jsonl\.gz$/);
      expect(row.date).toBe(
        `${row.measurement_uid.slice(0, 4)}-${row.measurement_uid.slice(4, 6)}-${row.measurement_uid.slice(6, 8)}`,
      );
      const body = (await reader.read(row.s3path, row.byte_offset, row.byte_length)).toString();
      expect(body).toBe(JSON.stringify(content));
      const lines = jsonlTexts(await storage.get(row.s3path));
      expect(lines[row.linenum]).toBe(body);
    }
  });

  it('should keep a measurement that arrives during a run for the next run', async () => {
    const content = loadMeasurement('web_connectivity_null.json');
    await submit({ ...content, n: 1 });
    const running = runJob();
    const late = await submit({ ...content, n: 2 });
    const first = (await (await running).json()) as Summary;
    const second = (await (await runJob()).json()) as Summary;
    expect(first.measurements + second.measurements).toBe(2);
    const rows = await jsonlRows([late]);
    expect(rows).toHaveLength(1);
    const body = await t.app.get(JsonlBodyReader).read(rows[0].s3path, rows[0].byte_offset, rows[0].byte_length);
    expect((JSON.parse(body.toString()) as { n: number }).n).toBe(2);
  });

  it('should answer 409 while a run is in progress', async () => {
    await submit(loadMeasurement('web_connectivity_null.json'));
    const [a, b] = await Promise.all([runJob(), runJob()]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(await conflict.json()).toEqual({ error: `job uploader is already running (pid ${process.pid})` });
  });
});
