import { loadMeasurement } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

const RID = '20240101T000000Z_webconnectivity_IT_3269_n1_abcdefghijklmnop';

interface Row {
  measurement_uid: string;
  report_id: string;
  test_name: string;
  probe_cc: string;
  anomaly: string;
  confirmed: string;
  msm_failure: string;
  scores: string;
}

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Fastpath (submission → fastpath row)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ fastpath: { insert_max_latency_ms: 100, workers: 2 } });
  });
  afterAll(async () => t.close());

  async function rowsFor(uids: string[]): Promise<Row[]> {
    const rs = await t.clickhouse.query({
      query: `SELECT measurement_uid, report_id, test_name, probe_cc, anomaly, confirmed, msm_failure, scores
              FROM fastpath FINAL WHERE measurement_uid IN {uids:Array(String)}`,
      query_params: { uids },
      format: 'JSONEachRow',
    });
    return rs.json<Row>();
  }

  it('should score submitted measurements into fastpath rows within seconds, keyed by the uid given to the probe', async () => {
    const names = ['report1.json', 'tor.json', 'signal_022.json', 'whatsapp.json', 'web_connectivity_ir_fp.json'];
    const submitted = new Map<string, Record<string, unknown>>();
    for (const name of names) {
      const content = loadMeasurement(name);
      const res = await fetch(`${t.url}/report/${RID}`, {
        method: 'POST',
        body: JSON.stringify({ format: 'json', content }),
      });
      expect(res.status).toBe(200);
      const { measurement_uid } = (await res.json()) as { measurement_uid: string };
      submitted.set(measurement_uid, content);
    }
    const uids = [...submitted.keys()];
    const rows = await waitFor(async () => {
      const found = await rowsFor(uids);
      return found.length === uids.length ? found : undefined;
    }, 20000);
    for (const row of rows) {
      const content = submitted.get(row.measurement_uid);
      expect(content).toBeDefined();
      expect(row.report_id).toBe(content?.report_id);
      expect(row.test_name).toBe(content?.test_name);
      expect(row.probe_cc).toBe(content?.probe_cc);
      expect(['t', 'f']).toContain(row.anomaly);
      expect(typeof JSON.parse(row.scores)).toBe('object');
    }
    // The Iranian block page of web_connectivity_ir_fp matches a bundled HTTP fingerprint.
    const ir = rows.find((r) => r.probe_cc === 'IR');
    expect(ir).toMatchObject({ anomaly: 't', confirmed: 't' });
  });

  it('should write is_verified "u" for probe submissions, even when the probe claims verification', async () => {
    const uids: string[] = [];
    for (const claim of [undefined, 't', 'f']) {
      const res = await fetch(`${t.url}/report/${RID}`, {
        method: 'POST',
        body: JSON.stringify({ format: 'json', content: loadMeasurement('report1.json'), is_verified: claim }),
      });
      expect(res.status).toBe(200);
      uids.push(((await res.json()) as { measurement_uid: string }).measurement_uid);
    }
    const verified = await waitFor(async () => {
      const rs = await t.clickhouse.query({
        query: 'SELECT is_verified FROM fastpath FINAL WHERE measurement_uid IN {uids:Array(String)}',
        query_params: { uids },
        format: 'JSONEachRow',
      });
      const found = await rs.json<{ is_verified: string }>();
      return found.length === uids.length ? found.map((r) => r.is_verified) : undefined;
    }, 20000);
    expect(verified).toEqual(['u', 'u', 'u']);
  });

  it('should survive malformed measurements and keep scoring the good ones', async () => {
    const bad = [
      { format: 'json', content: { test_name: 'web_connectivity' } },
      { format: 'json', content: { report_id: 5, probe_cc: [], test_keys: 'x', measurement_start_time: {} } },
      { format: 'json', content: { ...loadMeasurement('report1.json'), test_keys: null } },
    ];
    for (const body of bad) {
      expect((await fetch(`${t.url}/report/${RID}`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(200);
    }
    const res = await fetch(`${t.url}/report/${RID}`, {
      method: 'POST',
      body: JSON.stringify({ format: 'json', content: loadMeasurement('vanilla_tor_ok.json') }),
    });
    const { measurement_uid } = (await res.json()) as { measurement_uid: string };
    const [row] = await waitFor(async () => {
      const found = await rowsFor([measurement_uid]);
      return found.length === 1 ? found : undefined;
    }, 20000);
    expect(row.test_name).toBe('vanilla_tor');
  });

  it('should record the OONI Run link id of measurements run from a link, and find them by it', async () => {
    const content = { ...loadMeasurement('vanilla_tor_ok.json'), annotations: { ooni_run_link_id: '10042' } };
    const res = await fetch(`${t.url}/report/${RID}`, {
      method: 'POST',
      body: JSON.stringify({ format: 'json', content }),
    });
    const { measurement_uid } = (await res.json()) as { measurement_uid: string };
    await waitFor(async () => ((await rowsFor([measurement_uid])).length === 1 ? true : undefined), 20000);
    const search = await fetch(`${t.url}/api/v1/measurements?since=2010-01-01&until=2030-01-01&ooni_run_link_id=10042`);
    const body = (await search.json()) as { results: Array<{ measurement_uid: string }> };
    expect(body.results.map((r) => r.measurement_uid)).toEqual([measurement_uid]);
  });
});
