import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../../../src/common/config/app-config';
import { FeedItem, MeasurementFeeder } from '../../../src/common/feeder/measurement-feeder';
import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { MeasurementSpool } from '../../../src/common/spool/measurement-spool';
import { SpoolReconciler } from '../../../src/common/spool/spool-reconciler';
import { ScoredUidsService } from '../../../src/modules/fastpath/scored-uids.service';
import { quietNestLogger } from '../../helpers/quiet-nest-logger';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { testConfig } from '../../helpers/test-config';

const BUCKET = '2024010203_IT_webconnectivity';
const uidOf = (n: number): string => `20240102030405.${String(n).padStart(6, '0')}_IT_webconnectivity_0123456789abcdef`;

/** The fastpath table, as far as the reconciler sees it. */
class FakeScoredUids {
  scored = new Set<string>();
  queries: number[] = [];
  scoredAmong(uids: string[]): Promise<Set<string>> {
    this.queries.push(uids.length);
    return Promise.resolve(new Set(uids.filter((u) => this.scored.has(u))));
  }
}

/** Scores what it is fed by adding it to the fake table. */
class FakeFeeder {
  active = true;
  fed: FeedItem[] = [];
  constructor(private readonly table: FakeScoredUids) {}
  feedAndWait(items: FeedItem[]): Promise<void> {
    this.fed.push(...items);
    for (const i of items) this.table.scored.add(i.measurementUid);
    return Promise.resolve();
  }
}

describe(SpoolReconciler.name, () => {
  let dir: string;
  let config: AppConfig;
  let spool: MeasurementSpool;
  let table: FakeScoredUids;
  let feeder: FakeFeeder;

  quietNestLogger();
  beforeEach(() => {
    dir = makeTempDir();
    config = testConfig(dir, { probe_services: { stale_tmp_s: 0 } });
    spool = new MeasurementSpool(path.join(dir, 'spool'));
    table = new FakeScoredUids();
    feeder = new FakeFeeder(table);
  });
  afterEach(() => removeDir(dir));

  const reconciler = (): SpoolReconciler =>
    new SpoolReconciler(
      config,
      spool,
      feeder as unknown as MeasurementFeeder,
      { scoredAmong: (uids: string[]) => table.scoredAmong(uids) } as unknown as ScoredUidsService,
      new MetricsService(config),
    );

  function spoolMany(count: number): Promise<string[]> {
    const uids = Array.from({ length: count }, (_, n) => uidOf(n));
    // Plain writes: the spool's durable write is tested elsewhere, and fsyncs are slow.
    fs.mkdirSync(path.dirname(spool.pathOf(BUCKET, uids[0])), { recursive: true });
    for (const uid of uids) fs.writeFileSync(spool.pathOf(BUCKET, uid), `{"format":"json","content":{"n":"${uid}"}}`);
    return Promise.resolve(uids);
  }

  it('should feed only the measurements without a fastpath row, with their spooled bytes, in bounded chunks', async () => {
    const uids = await spoolMany(1203);
    uids.filter((_, i) => i % 2 === 0).forEach((u) => table.scored.add(u));
    expect(await reconciler().ensureScored(BUCKET, uids)).toBe(601);
    expect(feeder.fed.map((i) => i.measurementUid)).toEqual(uids.filter((_, i) => i % 2 === 1));
    for (const item of feeder.fed) {
      expect(item.body.equals(fs.readFileSync(spool.pathOf(BUCKET, item.measurementUid)))).toBe(true);
    }
    expect(table.queries).toEqual([500, 500, 203]);
    // Everything is scored now: nothing more to do.
    expect(await reconciler().ensureScored(BUCKET, uids)).toBe(0);
  });

  it('should skip uids whose spool file is gone, and do nothing when no fastpath scores here', async () => {
    const uids = await spoolMany(2);
    fs.rmSync(spool.pathOf(BUCKET, uids[0]));
    expect(await reconciler().ensureScored(BUCKET, uids)).toBe(1);
    feeder.active = false;
    table.scored.clear();
    expect(await reconciler().ensureScored(BUCKET, uids)).toBe(0);
  });

  it('should let a failed hand-over propagate: the caller keeps the spool files', async () => {
    const uids = await spoolMany(1);
    feeder.feedAndWait = () => Promise.reject(new Error('insert failed'));
    await expect(reconciler().ensureScored(BUCKET, uids)).rejects.toThrow('insert failed');
  });

  it('should reconcile the spool at start in the background and remove temporary files left by a crash', async () => {
    const uids = await spoolMany(3);
    const tmp = `${spool.pathOf(BUCKET, uids[0])}.tmp-0123456789ab`;
    fs.writeFileSync(tmp, 'half');
    const past = new Date(Date.now() - 10_000);
    for (const f of [tmp, ...uids.map((u) => spool.pathOf(BUCKET, u))]) fs.utimesSync(f, past, past);
    const r = reconciler();
    r.onApplicationBootstrap();
    expect(await r.settled()).toBe(3);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(feeder.fed).toHaveLength(3);
    await r.beforeApplicationShutdown();
  });
});
