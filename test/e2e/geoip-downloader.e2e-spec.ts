import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { buildAsnMmdb, installDefaultDatabases } from '../../src/common/geoip/default-databases';
import { GeoipService } from '../../src/common/geoip/geoip.service';
import { MmdbWriter } from '../../src/common/geoip/mmdb-writer';
import { SourceServer, startSourceServer } from '../helpers/source-server';
import { makeTempDir } from '../helpers/temp-dir';
import { startTestApp, TestApp } from '../helpers/test-app';

const SHARED = path.join(os.tmpdir(), 'ooni-test-geoip');
const ip4 = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** A country database mapping whole /24s, built at `epoch`. */
function countryMmdb(epoch: number, nets: Record<string, string>): Buffer {
  const w = new MmdbWriter();
  for (const [net, cc] of Object.entries(nets)) {
    const start = ip4(net);
    w.insertIpv4Range(start, start + 255, w.addValue({ country: { iso_code: cc } }));
  }
  return w.build({ databaseType: 'DBIP-Country-Lite', description: 'test', buildEpoch: epoch });
}

/** An ASN database from the first rows of the real ip-location-db list plus the rows covering 8.8.8.8 and 1.1.1.1. */
let asnRows: string[] | null = null;
function asnMmdb(epoch: number): Buffer {
  asnRows ??= realAsnRows();
  return buildAsnMmdb({ ipv4: asnRows.join('\n'), ipv6: '' }, epoch);
}

function realAsnRows(): string[] {
  const csv = fs.readFileSync(require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'), 'utf8').split('\n');
  const covers = (line: string, ip: string): boolean => {
    const [start, end] = line.split(',').map(Number);
    return start <= ip4(ip) && ip4(ip) <= end;
  };
  return [...csv.slice(0, 2000), ...csv.filter((l) => covers(l, '8.8.8.8') || covers(l, '1.1.1.1'))];
}

describe('GeoIP downloader job', () => {
  let src: SourceServer;
  let t: TestApp;
  let admin: string;
  let dir: string;
  const newer = Math.floor(Date.now() / 1000) + 3600;
  const month = new Date().toISOString().slice(0, 7);

  const runJob = (): Promise<Response> =>
    fetch(`${t.url}/api/_/admin/run-job/geoip`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
  // Digests: jest's deep equality on multi-MB buffers takes minutes.
  const files = (): string[] =>
    ['cc.mmdb', 'asn.mmdb'].map((f) =>
      createHash('sha256')
        .update(fs.readFileSync(path.join(dir, f)))
        .digest('hex'),
    );
  const serve = (country: Buffer, asn: Buffer, opts: { truncateCountry?: boolean } = {}): void => {
    const cc = gzipSync(country);
    src.routes.set(`/dbip-country-lite-${month}.mmdb.gz`, {
      body: opts.truncateCountry ? cc.subarray(0, cc.length / 2) : cc,
    });
    src.routes.set(`/dbip-asn-lite-${month}.mmdb.gz`, { body: gzipSync(asn) });
  };

  beforeAll(async () => {
    src = await startSourceServer();
    // A private copy of the default databases: this test replaces them.
    await installDefaultDatabases(path.join(SHARED, 'cc.mmdb'), path.join(SHARED, 'asn.mmdb'));
    dir = makeTempDir('ooni-geoip-');
    for (const f of ['cc.mmdb', 'asn.mmdb']) fs.copyFileSync(path.join(SHARED, f), path.join(dir, f));
    t = await startTestApp({
      fastpath: { enabled: false },
      geoip: { dir },
      geoip_downloader: {
        country_url: `${src.url}/dbip-country-lite-{YYYY-MM}.mmdb.gz`,
        asn_url: `${src.url}/dbip-asn-lite-{YYYY-MM}.mmdb.gz`,
      },
    });
    admin = t.app.get(SessionTokenService).issue('a'.repeat(32), 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
  });
  afterAll(async () => {
    await t?.close();
    await src?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should treat a month not published yet (404) as nothing to do', async () => {
    const before = files();
    const res = await runJob();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ country: 'not_published', asn: 'not_published' });
    expect(files()).toEqual(before);
  });

  it('should install newer databases of the current month and answer lookups from them at once', async () => {
    const geoip = t.app.get(GeoipService);
    expect(geoip.lookupCountry('8.8.8.8')).not.toBe('CH');
    serve(countryMmdb(newer, { '8.8.8.0': 'CH', '1.1.1.0': 'AU' }), asnMmdb(newer));
    const res = await runJob();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ country: 'installed', asn: 'installed' });
    expect(geoip.lookupCountry('8.8.8.8')).toBe('CH');
    expect(geoip.lookup('8.8.8.8')).toMatchObject({ probe_cc: 'CH', probe_asn: 'AS15169' });
    expect(src.requests).toContain(`/dbip-country-lite-${month}.mmdb.gz`);

    const again = await runJob();
    expect(await again.json()).toEqual({ country: 'unchanged', asn: 'unchanged' });
  });

  it('should refuse an older, a truncated or an incomplete database and keep the installed ones', async () => {
    const before = files();
    const cases: Array<[string, () => void, RegExp]> = [
      [
        'older',
        () => serve(countryMmdb(newer - 86400, { '8.8.8.0': 'DE', '1.1.1.0': 'AU' }), asnMmdb(newer)),
        /before the installed one/,
      ],
      [
        'truncated',
        () =>
          serve(countryMmdb(newer + 10, { '8.8.8.0': 'DE', '1.1.1.0': 'AU' }), asnMmdb(newer), {
            truncateCountry: true,
          }),
        /cannot gunzip/,
      ],
      [
        'no 1.1.1.1',
        () => serve(countryMmdb(newer + 10, { '8.8.8.0': 'DE' }), asnMmdb(newer + 10)),
        /country database has no country for 1\.1\.1\.1/,
      ],
    ];
    for (const [label, setup, error] of cases) {
      setup();
      const res = await runJob();
      expect([label, res.status]).toEqual([label, 500]);
      expect(((await res.json()) as { error: string }).error).toMatch(error);
      expect(files()).toEqual(before);
    }
    expect(t.app.get(GeoipService).lookupCountry('8.8.8.8')).toBe('CH');
    const jobs = await fetch(`${t.url}/api/_/admin/jobs`, { headers: { authorization: `Bearer ${admin}` } });
    const status = ((await jobs.json()) as { jobs: Array<Record<string, unknown>> }).jobs.find(
      (j) => j.name === 'geoip',
    );
    expect(status).toMatchObject({ last_outcome: 'failure', last_error: expect.stringMatching(/1\.1\.1\.1/) });
  });
});
