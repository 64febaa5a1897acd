import { AppConfig } from '../../../src/common/config/app-config';
import { InProcessFeeder } from '../../../src/common/feeder/in-process-feeder';
import { FeedItem } from '../../../src/common/feeder/measurement-feeder';
import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { testConfig } from '../../helpers/test-config';

const item = (n: number): FeedItem => ({ measurementUid: `uid-${n}`, body: Buffer.from('{}'), receivedAt: new Date() });

describe(InProcessFeeder.name, () => {
  let dir: string;
  let config: AppConfig;
  let metrics: MetricsService;

  beforeEach(() => {
    dir = makeTempDir();
    config = testConfig(dir, { probe_services: { feed_queue_size: 5 } });
    metrics = new MetricsService(config);
  });
  afterEach(() => removeDir(dir));

  it('should keep items offered before a consumer exists, up to the bound, and drop the rest', async () => {
    const feeder = new InProcessFeeder(config, metrics);
    const accepted = Array.from({ length: 8 }, (_, n) => feeder.offer(item(n)));
    expect(accepted).toEqual([true, true, true, true, true, false, false, false]);
    const seen: string[] = [];
    feeder.consume(async (batch) => {
      seen.push(...batch.map((i) => i.measurementUid));
      await Promise.resolve();
    });
    await feeder.drain();
    expect(seen).toEqual(['uid-0', 'uid-1', 'uid-2', 'uid-3', 'uid-4']);
    expect(feeder.queued).toBe(0);
  });

  it('should go on after a consumer failure', async () => {
    const feeder = new InProcessFeeder(config, metrics);
    let calls = 0;
    const seen: string[] = [];
    feeder.consume(async (batch) => {
      calls++;
      await Promise.resolve();
      if (calls === 1) throw new Error('database down');
      seen.push(...batch.map((i) => i.measurementUid));
    });
    feeder.offer(item(1));
    await feeder.drain();
    feeder.offer(item(2));
    await feeder.drain();
    expect(seen).toEqual(['uid-2']);
  });

  describe('coalescing', () => {
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    const recording = (feeder: InProcessFeeder): string[][] => {
      const batches: string[][] = [];
      feeder.consume(async (batch) => {
        batches.push(batch.map((i) => i.measurementUid));
        await Promise.resolve();
      });
      return batches;
    };
    const feederWith = (fastpath: Record<string, number>): InProcessFeeder =>
      new InProcessFeeder(testConfig(dir, { fastpath }), metrics);

    it('should hand over fewer items than a task together, once the linger time has passed', async () => {
      const feeder = feederWith({ task_batch_size: 64, batch_linger_ms: 150 });
      const batches = recording(feeder);
      const started = Date.now();
      for (let n = 0; n < 3; n++) {
        feeder.offer(item(n));
        await settle();
      }
      expect(batches).toEqual([]);
      while (batches.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(batches).toEqual([['uid-0', 'uid-1', 'uid-2']]);
    });

    it('should hand over a whole task at once', async () => {
      const feeder = feederWith({ task_batch_size: 4, batch_linger_ms: 1000 });
      const batches = recording(feeder);
      for (let n = 0; n < 4; n++) feeder.offer(item(n));
      await settle();
      expect(batches).toEqual([['uid-0', 'uid-1', 'uid-2', 'uid-3']]);
    });

    it('should hand lingering items over at once when drained', async () => {
      const feeder = feederWith({ task_batch_size: 64, batch_linger_ms: 1000 });
      const batches = recording(feeder);
      feeder.offer(item(1));
      feeder.offer(item(2));
      const started = Date.now();
      await feeder.drain();
      expect(Date.now() - started).toBeLessThan(500);
      expect(batches).toEqual([['uid-1', 'uid-2']]);
      expect(feeder.queued).toBe(0);
    });

    it('should gather what arrives during a hand-over into whole tasks, and let a remainder linger', async () => {
      const feeder = feederWith({ task_batch_size: 4, batch_linger_ms: 1000 });
      const batches: string[][] = [];
      const releases: Array<() => void> = [];
      feeder.consume(async (batch) => {
        batches.push(batch.map((i) => i.measurementUid));
        await new Promise<void>((resolve) => releases.push(resolve));
      });
      const release = async (): Promise<void> => {
        releases.shift()?.();
        for (let i = 0; i < 5; i++) await settle();
      };
      for (let n = 0; n < 4; n++) feeder.offer(item(n));
      await settle();
      // 9 arrive while the first task is with the consumer: they go as one batch right after it
      for (let n = 4; n < 13; n++) feeder.offer(item(n));
      await release();
      expect(batches.map((b) => b.length)).toEqual([4, 9]);
      // 3, less than a task, arrive meanwhile: they wait for more instead of going alone
      for (let n = 13; n < 16; n++) feeder.offer(item(n));
      await release();
      expect(batches.map((b) => b.length)).toEqual([4, 9]);
      expect(feeder.queued).toBe(3);
      const drained = feeder.drain();
      await settle();
      await release();
      await drained;
      expect(batches.map((b) => b.length)).toEqual([4, 9, 3]);
    });

    it('should hand every item over at once with no linger time', async () => {
      const feeder = feederWith({ task_batch_size: 64, batch_linger_ms: 0 });
      const batches = recording(feeder);
      feeder.offer(item(1));
      await settle();
      expect(batches).toEqual([['uid-1']]);
    });
  });
});
