import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { SourceServer, startSourceServer } from '../helpers/source-server';
import { startTestApp, TestApp } from '../helpers/test-app';

// Organization names of real ASNs (from the @ip-location-db/asn data), in the legacy map layout.
const MAP_FILE = path.join(__dirname, '..', 'fixtures', 'data', 'as_org_map.sample.json');
type OrgMap = Record<string, string[][]>;

describe('ASN metadata updater job', () => {
  let src: SourceServer;
  let t: TestApp;
  let admin: string;
  const map = JSON.parse(fs.readFileSync(MAP_FILE, 'utf8')) as OrgMap;
  const rowCount = Object.values(map).reduce((n, h) => n + h.length, 0);

  const runJob = (): Promise<Response> =>
    fetch(`${t.url}/api/_/admin/run-job/asnmeta`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
  const snapshot = async (): Promise<{ n: number; sum: string }> => {
    const rs = await t.clickhouse.query({
      query: `SELECT count() AS n, toString(groupBitXor(cityHash64(asn, org_name, cc, changed, aut_name, source))) AS sum
              FROM asnmeta`,
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string; sum: string }>();
    return { n: Number(row.n), sum: row.sum };
  };
  const orgHistory = async (asn: number): Promise<Array<{ org_name: string; changed: string }>> => {
    const rs = await t.clickhouse.query({
      query: 'SELECT org_name, toString(changed) AS changed FROM asnmeta WHERE asn = {asn:UInt32} ORDER BY changed',
      query_params: { asn },
      format: 'JSONEachRow',
    });
    return rs.json();
  };

  beforeAll(async () => {
    src = await startSourceServer();
    t = await startTestApp({
      fastpath: { enabled: false },
      asnmeta_updater: { url: `${src.url}/all_as_org_map.json`, min_rows: 1000 },
    });
    admin = t.app.get(SessionTokenService).issue('a'.repeat(32), 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
  });
  afterAll(async () => {
    await t?.close();
    await src?.close();
  });

  it('should replace asnmeta with the served map', async () => {
    src.routes.set('/all_as_org_map.json', { body: JSON.stringify(map) });
    const res = await runJob();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ rows: rowCount, asns: Object.keys(map).length });
    expect((await snapshot()).n).toBe(rowCount);
    expect(await orgHistory(30722)).toEqual([
      { org_name: 'Vodafone Omnitel N.V.', changed: '2018-01-01' },
      { org_name: 'Vodafone Italia S.p.A.', changed: '2021-06-01' },
    ]);
    expect(await orgHistory(13335)).toEqual([{ org_name: map['13335'][0][0], changed: '2024-03-01' }]);
  });

  it('should keep asnmeta when the map is truncated, malformed or too small', async () => {
    const before = await snapshot();
    const body = JSON.stringify(map);
    const broken = JSON.parse(body) as OrgMap;
    broken['13335'][0][2] = '2024-03-01';
    const cases: Array<[string, Parameters<typeof src.routes.set>[1], RegExp]> = [
      ['cut', { body, truncateAt: Math.floor(body.length / 3) }, /cannot fetch/],
      ['half JSON', { body: body.slice(0, body.length / 2) }, /not valid JSON/],
      ['bad date', { body: JSON.stringify(broken) }, /AS13335\[0\]: bad date/],
      [
        'too small',
        { body: JSON.stringify({ 3269: [['Telecom Italia', 'IT', '20200101', 'ASN-IBSNAZ', 'RIPE']] }) },
        /1 rows/,
      ],
      ['gone', { body: 'nope', status: 503 }, /HTTP 503/],
    ];
    for (const [label, route, error] of cases) {
      src.routes.set('/all_as_org_map.json', route);
      const res = await runJob();
      expect([label, res.status]).toEqual([label, 500]);
      expect(((await res.json()) as { error: string }).error).toMatch(error);
      expect(await snapshot()).toEqual(before);
    }
    const jobs = await fetch(`${t.url}/api/_/admin/jobs`, { headers: { authorization: `Bearer ${admin}` } });
    const status = ((await jobs.json()) as { jobs: Array<Record<string, unknown>> }).jobs.find(
      (j) => j.name === 'asnmeta',
    );
    expect(status).toMatchObject({
      last_outcome: 'failure',
      last_error: expect.stringMatching(/HTTP 503/),
      failures: 5,
    });
  });
});
